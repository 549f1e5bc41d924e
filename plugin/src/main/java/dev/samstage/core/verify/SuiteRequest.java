package dev.samstage.core.verify;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a service's suite against a stage.
 *
 * @param stage             the stage name, passed to the tests as {@code samstage.env}
 * @param endpoint          the stage's API endpoint, passed as {@code samstage.endpoint}; null for a stage
 *                          without an API, whose suite reaches its functions through the stack
 * @param testClassesDir    the compiled test classes to discover tests in
 * @param testClasspath     the service's test class path (test classes, classes, test dependencies)
 * @param launcherJars      the test kit and the JUnit Platform launcher/reporting jars from the plugin;
 *                          each is added only when the same artifact is absent from {@code testClasspath}
 * @param tag               the JUnit tag that selects the suite ({@code integration}, {@code sanity})
 * @param reportsDir        where the JUnit XML reports go
 * @param systemProperties  further system properties for the suite JVM
 * @param javaExecutable    the {@code java} to fork; null for the running JVM's
 */
public record SuiteRequest(String stage, URI endpoint, Path testClassesDir, List<Path> testClasspath,
                           List<Path> launcherJars, String tag, Path reportsDir, Map<String, String> systemProperties,
                           Path javaExecutable) {

    public SuiteRequest {
        requireText(stage, "stage");
        Objects.requireNonNull(testClassesDir, "testClassesDir");
        testClasspath = List.copyOf(Objects.requireNonNull(testClasspath, "testClasspath"));
        launcherJars = List.copyOf(Objects.requireNonNull(launcherJars, "launcherJars"));
        requireText(tag, "tag");
        Objects.requireNonNull(reportsDir, "reportsDir");
        systemProperties = Map.copyOf(systemProperties == null ? Map.of() : systemProperties);
        if (javaExecutable == null) {
            javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        }
    }

    /** Names the system properties but never their values, which may carry an API key or token. */
    @Override
    public String toString() {
        return "SuiteRequest[stage=" + stage + ", endpoint=" + endpoint + ", tag=" + tag + ", testClassesDir=" + testClassesDir
            + ", reportsDir=" + reportsDir + ", systemProperties=" + new java.util.TreeSet<>(systemProperties.keySet()) + "]";
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
