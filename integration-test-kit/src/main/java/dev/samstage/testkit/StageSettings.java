package dev.samstage.testkit;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads {@code samstage.*} keys in the documented order: JUnit configuration parameter,
 * system property, the environment variables named for the key.
 */
final class StageSettings {

    private final UnaryOperator<String> configurationParameters;
    private final StageRuntime runtime;

    StageSettings(UnaryOperator<String> configurationParameters, StageRuntime runtime) {
        this.configurationParameters = configurationParameters;
        this.runtime = runtime;
    }

    StageRuntime runtime() {
        return runtime;
    }

    /** The first non-blank value for the key, or empty. */
    Optional<Setting> find(String key, String... environmentVariables) {
        String value = configurationParameters.apply(key);
        String property = runtime.systemProperties().apply(key);
        // JUnit answers a configuration parameter lookup from the system properties when no
        // parameter is set (and Surefire passes -D properties as both), so the same value in
        // both came from the -D: name that, the place a user would look for it
        if (present(value) && !(present(property) && property.trim().equals(value.trim()))) {
            return Optional.of(new Setting(key, value.trim(), "JUnit configuration parameter " + key));
        }
        if (present(property)) {
            return Optional.of(new Setting(key, property.trim(), "system property " + key));
        }
        for (String variable : environmentVariables) {
            String fromEnvironment = runtime.environment().apply(variable);
            if (present(fromEnvironment)) {
                return Optional.of(new Setting(key, fromEnvironment.trim(), "environment variable " + variable));
            }
        }
        return Optional.empty();
    }

    /** The places {@link #find} looks, in order, for an error message. */
    List<String> places(String key, String... environmentVariables) {
        List<String> places = new ArrayList<>();
        places.add("JUnit configuration parameter " + key);
        places.add("system property " + key);
        for (String variable : environmentVariables) {
            places.add("environment variable " + variable);
        }
        return places;
    }

    boolean flag(String key, String environmentVariable) {
        Optional<Setting> setting = find(key, environmentVariable);
        if (setting.isEmpty()) {
            return false;
        }
        String value = setting.get().value();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new StageConfigurationException(setting.get().describe() + " is not true or false; set " + key + "=true or false");
    }

    int integer(String key, int defaultValue) {
        Optional<Setting> setting = find(key);
        if (setting.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(setting.get().value());
        } catch (NumberFormatException e) {
            throw new StageConfigurationException(setting.get().describe() + " is not a whole number; for example " + key + "=" + defaultValue);
        }
    }

    /** A duration given as whole or decimal seconds ({@code 30}, {@code 0.5}) or ISO-8601 ({@code PT2M}). */
    Duration duration(String key, Duration defaultValue) {
        Optional<Setting> setting = find(key);
        if (setting.isEmpty()) {
            return defaultValue;
        }
        String value = setting.get().value();
        try {
            Duration parsed = value.matches("\\d+(\\.\\d+)?")
                    ? Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000))
                    : Duration.parse(value);
            if (parsed.isNegative()) {
                throw new DateTimeParseException("negative", value, 0);
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new StageConfigurationException(setting.get().describe()
                    + " is not a duration; give seconds (" + key + "=" + defaultValue.toSeconds() + ") or ISO-8601 (" + key + "=PT2M)");
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
