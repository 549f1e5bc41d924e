package dev.samstage.core.traffic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Type} of a SAM {@code DeploymentPreference}: one of CodeDeploy's predefined
 * Lambda configurations or the name of a custom deployment configuration.
 *
 * <p>Accepted, exactly as spelled: the predefined names {@code AllAtOnce},
 * {@code Canary10Percent5Minutes}, {@code Canary10Percent10Minutes},
 * {@code Canary10Percent15Minutes}, {@code Canary10Percent30Minutes},
 * {@code Linear10PercentEvery1Minute}, {@code Linear10PercentEvery2Minutes},
 * {@code Linear10PercentEvery3Minutes}, {@code Linear10PercentEvery10Minutes} (SAM turns them
 * into {@code CodeDeployDefault.Lambda<Type>}), their full {@code CodeDeployDefault.Lambda...}
 * names, and custom configuration names of 1 to 100 characters from {@code [A-Za-z0-9._-]}
 * (CodeDeploy's rule for configuration names).</p>
 *
 * <p>Refused, because CodeDeploy would only fail when the deployment starts: any other name
 * under the reserved {@code CodeDeployDefault.} prefix, a predefined name in another case
 * ({@code allatonce}), and names shaped like a predefined one that CodeDeploy does not have
 * ({@code Linear10PercentEvery5Minutes}, {@code Canary20Percent5Minutes}): a custom
 * configuration must not look like a predefined one, so a typo cannot pass as a custom name.</p>
 *
 * @param value the name as SAM's {@code DeploymentPreference.Type} takes it
 */
public record DeploymentPreferenceType(String value) {

    /** The prefix under which CodeDeploy keeps its predefined Lambda configurations. */
    public static final String LAMBDA_PREFIX = "CodeDeployDefault.Lambda";

    private static final Pattern CUSTOM = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern PREDEFINED_SHAPE =
            Pattern.compile("(?i)(canary\\d+percent\\d+minutes?|linear\\d+percentevery\\d+minutes?|all-?at-?once)");
    private static final Map<String, TrafficRouting> PREDEFINED = new LinkedHashMap<>();

    static {
        PREDEFINED.put("AllAtOnce", TrafficRouting.ALL_AT_ONCE);
        for (int minutes : new int[] {5, 10, 15, 30}) {
            PREDEFINED.put("Canary10Percent" + minutes + "Minutes",
                    new TrafficRouting(TrafficRouting.Kind.CANARY, 10, Duration.ofMinutes(minutes)));
        }
        for (int minutes : new int[] {1, 2, 3, 10}) {
            PREDEFINED.put("Linear10PercentEvery" + minutes + (minutes == 1 ? "Minute" : "Minutes"),
                    new TrafficRouting(TrafficRouting.Kind.LINEAR, 10, Duration.ofMinutes(minutes)));
        }
    }

    public DeploymentPreferenceType {
        Objects.requireNonNull(value, "value");
        String shortName = value.startsWith(LAMBDA_PREFIX) ? value.substring(LAMBDA_PREFIX.length()) : value;
        boolean predefined = PREDEFINED.containsKey(shortName);
        if (!predefined && value.startsWith("CodeDeployDefault.")) {
            throw new IllegalArgumentException("'" + value + "' is not a predefined CodeDeploy Lambda configuration;"
                    + " use one of " + String.join(", ", PREDEFINED.keySet()) + " or a custom configuration name");
        } else if (!predefined && PREDEFINED_SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' looks like a predefined CodeDeploy configuration but is not one"
                    + closest(value).map(c -> " (did you mean " + c + "?)").orElse("")
                    + "; use one of " + String.join(", ", PREDEFINED.keySet()));
        } else if (!predefined && !CUSTOM.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a valid CodeDeploy deployment configuration name:"
                    + " use a predefined one (" + String.join(", ", PREDEFINED.keySet())
                    + ") or a custom name of 1-100 characters from A-Z a-z 0-9 . _ -");
        }
    }

    /** Parses a configured name; the exception message explains what is accepted. */
    public static DeploymentPreferenceType of(String value) {
        return new DeploymentPreferenceType(value == null ? null : value.trim());
    }

    /** Whether this is a CodeDeploy predefined configuration. */
    public boolean predefined() {
        return PREDEFINED.containsKey(shortName());
    }

    /** The deployment configuration name CodeDeploy sees (SAM adds the prefix to predefined names). */
    public String codeDeployConfigName() {
        return predefined() ? LAMBDA_PREFIX + shortName() : value;
    }

    /** How traffic moves, known for predefined names only (custom ones are looked up in CodeDeploy). */
    public Optional<TrafficRouting> routing() {
        return Optional.ofNullable(PREDEFINED.get(shortName()));
    }

    /** The predefined routing for a CodeDeploy configuration name such as {@code CodeDeployDefault.LambdaAllAtOnce}. */
    static Optional<TrafficRouting> predefinedRouting(String configName) {
        if (configName == null) {
            return Optional.empty();
        }
        String shortName = configName.startsWith(LAMBDA_PREFIX) ? configName.substring(LAMBDA_PREFIX.length()) : null;
        return Optional.ofNullable(shortName == null ? null : PREDEFINED.get(shortName));
    }

    private String shortName() {
        return value.startsWith(LAMBDA_PREFIX) ? value.substring(LAMBDA_PREFIX.length()) : value;
    }

    private static Optional<String> closest(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return PREDEFINED.keySet().stream().filter(k -> k.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
