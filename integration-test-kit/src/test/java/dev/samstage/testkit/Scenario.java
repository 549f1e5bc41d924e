package dev.samstage.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The machine a fixture class sees: system properties, environment, working directory,
 * credentials and log (the working directory is the real one: tests point
 * {@code samstage.projectDir} at a temporary directory instead), set by a test before it runs fixtures through the engine test kit.
 * Fixtures register {@link #extension()}, which reads the current scenario on every lookup,
 * so no real system property or environment variable is ever changed.
 */
final class Scenario {

    static final String ACCESS_KEY = "AKIAFAKESAMSTAGE0001";
    static final String SECRET_KEY = "fake/SamstageSecret/DoNotLog/0000000001";
    static final String SESSION_TOKEN = "FakeSessionTokenSamstage0001DoNotLog";

    private static volatile Scenario current = new Scenario();

    final Map<String, String> systemProperties = new HashMap<>();
    final Map<String, String> environment = new HashMap<>();
    AwsCredentialsProvider credentials = StaticCredentialsProvider.create(
            AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN));
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** Starts a fresh scenario: nothing set, fake session credentials, empty log. */
    static Scenario reset() {
        current = new Scenario();
        return current;
    }

    static StageExtension extension() {
        return new StageExtension(new StageRuntime(
                key -> current.systemProperties.get(key),
                key -> current.environment.get(key),
                Path.of("").toAbsolutePath(),
                () -> current.credentials,
                () -> new PrintStream(current.log, true, StandardCharsets.UTF_8)));
    }

    String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }
}
