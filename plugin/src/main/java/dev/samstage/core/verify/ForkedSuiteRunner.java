package dev.samstage.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a service's suite against a stage in a forked JVM, as Surefire does, so the
 * service's JUnit and Rest Assured versions never meet the plugin's. The fork runs the test
 * kit's {@code SuiteLauncher} (the JUnit Platform Launcher with a tag filter and the legacy
 * XML report listener), its output arrives here line by line as events, and its summary
 * file becomes the {@link ForkedSuiteResult}. A tag that selects no test is an error, never a pass.
 */
public final class ForkedSuiteRunner {

    static final String LAUNCHER_CLASS = "dev.samstage.testkit.launch.SuiteLauncher";

    /**
     * Kit settings that carry secrets, given to the suite JVM as the environment variables the
     * kit also reads, never as {@code -D}: JUnit XML reports list every system property, and a
     * command line is visible to every process on the machine.
     */
    static final Map<String, String> SECRET_PROPERTIES = Map.of(
        "samstage.apiKey", "SAMSTAGE_API_KEY",
        "samstage.bearerToken", "SAMSTAGE_BEARER_TOKEN");

    private final StageListener listener;
    private final ObjectMapper json = new ObjectMapper();

    public ForkedSuiteRunner(StageListener listener) {
        this.listener = listener;
    }

    public ForkedSuiteResult run(SuiteRequest request) {
        if (!Files.isDirectory(request.testClassesDir())) {
            throw new SuiteException("No test classes at " + request.testClassesDir()
                + "; compile the suite first (mvn test-compile) or check the project's test output directory");
        }
        Path summary = summaryFile(request.reportsDir());
        Path argFile = null;
        try {
            Files.createDirectories(request.reportsDir());
            Files.deleteIfExists(summary);
            List<Path> classpath = SuiteClasspath.of(request.testClassesDir(), request.testClasspath(),
                request.launcherJars(), listener);
            argFile = Files.createTempFile("samstage-suite-", ".args");
            Files.writeString(argFile, "-cp\n" + quote(join(classpath)) + "\n", StandardCharsets.UTF_8);
            List<String> command = command(request, argFile, summary);
            listener.on(StageEvent.info("Running the '" + request.tag() + "' suite against " + (request.endpoint() == null
                ? "the functions of stage " + request.stage() + " (it has no API)"
                : request.endpoint() + " (stage " + request.stage() + ")")));
            int exit = fork(command, secretEnvironment(request));
            return result(request, summary, exit);
        } catch (IOException e) {
            throw new SuiteException("Cannot run the '" + request.tag() + "' suite: " + e.getMessage()
                + "; check that " + request.reportsDir() + " is writable and " + request.javaExecutable() + " exists", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuiteException("The '" + request.tag() + "' suite was interrupted", e);
        } finally {
            if (argFile != null) {
                try {
                    Files.deleteIfExists(argFile);
                } catch (IOException ignored) {
                    // a stray temp file is harmless
                }
            }
        }
    }

    private List<String> command(SuiteRequest request, Path argFile, Path summary) {
        Map<String, String> properties = new TreeMap<>(request.systemProperties());
        if (request.endpoint() != null) {
            properties.put("samstage.endpoint", request.endpoint().toString());
        }
        properties.put("samstage.env", request.stage());
        List<String> command = new ArrayList<>();
        command.add(request.javaExecutable().toString());
        // a suite JVM lives for seconds and waits on HTTP: the quick JIT tier starts it faster
        command.add("-XX:TieredStopAtLevel=1");
        properties.keySet().removeAll(SECRET_PROPERTIES.keySet());
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("@" + argFile);
        command.add(LAUNCHER_CLASS);
        command.addAll(List.of("--classes", request.testClassesDir().toAbsolutePath().toString(),
            "--tag", request.tag(),
            "--reports", request.reportsDir().toAbsolutePath().toString(),
            "--summary", summary.toAbsolutePath().toString()));
        return command;
    }

    private static Map<String, String> secretEnvironment(SuiteRequest request) {
        Map<String, String> environment = new TreeMap<>();
        SECRET_PROPERTIES.forEach((property, variable) -> {
            String value = request.systemProperties().get(property);
            if (value != null) {
                environment.put(variable, value);
            }
        });
        return environment;
    }

    private int fork(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                listener.on(StageEvent.info(line));
            }
            return process.waitFor();
        } finally {
            process.destroyForcibly();
        }
    }

    private ForkedSuiteResult result(SuiteRequest request, Path summary, int exit) throws IOException {
        if (!Files.isRegularFile(summary)) {
            throw new SuiteException("The suite JVM exited with code " + exit + " before writing " + summary
                + "; see its output above (is " + LAUNCHER_CLASS + " on the class path?)");
        }
        JsonNode node = json.readTree(summary.toFile());
        List<SuiteFailure> failures = new ArrayList<>();
        node.path("failures").forEach(f -> failures.add(new SuiteFailure(f.path("test").asText(), f.path("message").asText())));
        ForkedSuiteResult result = new ForkedSuiteResult(node.path("found").asLong(), node.path("succeeded").asLong(),
            node.path("failed").asLong(), node.path("skipped").asLong(), failures);
        if (result.found() == 0) {
            throw new NoTestsFoundException("No tests tagged '" + request.tag() + "' in " + request.testClassesDir()
                + "; tag the suite's classes with @Tag(\"" + request.tag() + "\") or choose the stage's suite tag");
        }
        for (SuiteFailure failure : result.failures()) {
            listener.on(StageEvent.error("FAILED " + failure.test() + ": " + failure.message()));
        }
        listener.on(result.passed()
            ? StageEvent.info("Suite '" + request.tag() + "' passed: " + result.summary() + "; reports in " + request.reportsDir())
            : StageEvent.error("Suite '" + request.tag() + "' failed: " + result.summary() + "; reports in " + request.reportsDir()));
        return result;
    }

    /** The summary sits beside the reports directory, so report collectors see only JUnit XML. */
    static Path summaryFile(Path reportsDir) {
        Path parent = reportsDir.toAbsolutePath().getParent();
        return (parent == null ? reportsDir : parent).resolve("suite-summary.json");
    }

    private static String join(List<Path> classpath) {
        return String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList());
    }

    /** Quotes an @argfile value: inside double quotes, backslashes and quotes are escaped. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
