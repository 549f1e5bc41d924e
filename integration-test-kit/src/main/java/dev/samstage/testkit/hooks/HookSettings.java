package dev.samstage.testkit.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a lifecycle hook runs: the JUnit tag and packages of the suite, and the endpoint of
 * the new version it checks. Read from the hook function's environment by
 * {@link #fromEnvironment(Map)}; {@code toString()} never shows the secrets.
 *
 * @param suiteTag  JUnit tag of the tests to run ({@code SAMSTAGE_SUITE_TAG}, default {@code sanity})
 * @param packages  packages scanned for tests on the function's class path ({@code SAMSTAGE_SUITE_PACKAGE}, comma separated)
 * @param endpoint  base URL of the new version's API ({@code SAMSTAGE_ENDPOINT}, else {@code API_URL}); empty when unset
 * @param stackName CloudFormation stack whose endpoint output ({@code ApiUrl}) the suite reads when no endpoint is
 *                  given ({@code SAMSTAGE_STACK_NAME}); empty when unset. A hook of a SAM function cannot name the
 *                  API's URL in its environment: the API invokes the alias whose update policy names the hook, a cycle
 * @param secrets   values masked in every log line (API key, bearer token, AWS secret key, session token)
 */
public record HookSettings(String suiteTag, List<String> packages, String endpoint, String stackName, List<String> secrets) {

    public static final String SUITE_TAG_ENV = "SAMSTAGE_SUITE_TAG";
    public static final String SUITE_PACKAGE_ENV = "SAMSTAGE_SUITE_PACKAGE";
    public static final String ENDPOINT_ENV = "SAMSTAGE_ENDPOINT";
    public static final String API_URL_ENV = "API_URL";
    public static final String STACK_NAME_ENV = "SAMSTAGE_STACK_NAME";
    public static final String DEFAULT_TAG = "sanity";

    /** The JUnit configuration parameter the test kit's {@code @StageTest} reads the endpoint from first. */
    public static final String ENDPOINT_PARAMETER = "samstage.endpoint";

    /** The JUnit configuration parameter naming the stack whose outputs give the endpoint when none is set. */
    public static final String STACK_NAME_PARAMETER = "samstage.stackName";

    private static final List<String> SECRET_ENV = List.of("SAMSTAGE_API_KEY", "SAMSTAGE_BEARER_TOKEN",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    public HookSettings {
        suiteTag = suiteTag == null || suiteTag.isBlank() ? DEFAULT_TAG : suiteTag.trim();
        packages = List.copyOf(packages == null ? List.of() : packages);
        endpoint = endpoint == null ? "" : endpoint.trim();
        stackName = stackName == null ? "" : stackName.trim();
        secrets = List.copyOf(secrets == null ? List.of() : secrets.stream().filter(Objects::nonNull)
                .filter(s -> s.length() >= 4).toList());
    }

    /** Settings with the endpoint given directly. */
    public HookSettings(String suiteTag, List<String> packages, String endpoint, List<String> secrets) {
        this(suiteTag, packages, endpoint, null, secrets);
    }

    /** Settings from a hook function's environment variables. */
    public static HookSettings fromEnvironment(Map<String, String> env) {
        List<String> packages = new ArrayList<>();
        for (String p : env.getOrDefault(SUITE_PACKAGE_ENV, "").split(",")) {
            if (!p.isBlank()) {
                packages.add(p.trim());
            }
        }
        String endpoint = Optional.ofNullable(env.get(ENDPOINT_ENV)).filter(s -> !s.isBlank()).orElse(env.get(API_URL_ENV));
        List<String> secrets = SECRET_ENV.stream().map(env::get).filter(Objects::nonNull).toList();
        return new HookSettings(env.get(SUITE_TAG_ENV), packages, endpoint, env.get(STACK_NAME_ENV), secrets);
    }

    /**
     * Why these settings cannot run a suite, naming the environment variable to set; empty when they can.
     * A hook that runs nothing must not report success.
     */
    public Optional<String> problem() {
        if (packages.isEmpty()) {
            return Optional.of(SUITE_PACKAGE_ENV + " is not set: set it on the hook function to the package of the tests to run"
                    + " (for example com.example.shop.sanity).");
        }
        if (endpoint.isEmpty() && stackName.isEmpty()) {
            return Optional.of(ENDPOINT_ENV + " (or " + API_URL_ENV + ") is not set: set it on the hook function to the base URL"
                    + " of the API the new version serves, or set " + STACK_NAME_ENV + " to read it from the stack's ApiUrl output.");
        }
        return Optional.empty();
    }

    /** What the suite calls, for the log: the endpoint (masked), else the stack whose output holds it. */
    public String target() {
        return endpoint.isEmpty() ? "the endpoint output of CloudFormation stack " + stackName : mask(endpoint);
    }

    /** The text with every secret value replaced by {@code ****}. */
    public String mask(String text) {
        String masked = text == null ? "" : text;
        for (String secret : secrets) {
            masked = masked.replace(secret, "****");
        }
        return masked;
    }

    @Override
    public String toString() {
        return "HookSettings[suiteTag=" + suiteTag + ", packages=" + packages + ", endpoint=" + endpoint
                + ", stackName=" + stackName + ", secrets=" + secrets.size() + " masked]";
    }
}
