package dev.samstage.core.verify;

import dev.samstage.core.events.StageEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import javax.tools.ToolProvider;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForkedSuiteRunnerTest {

    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9/");

    @TempDir
    static Path work;
    private static Path testClasses;
    private static List<Path> serviceClasspath;

    private final List<StageEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void compileTheFixtureSuite() throws Exception {
        testClasses = Files.createDirectories(work.resolve("test-classes"));
        serviceClasspath = List.of(
            location(org.junit.jupiter.api.Test.class),
            location(org.junit.jupiter.engine.JupiterTestEngine.class),
            location(org.junit.platform.engine.TestEngine.class),
            location(org.junit.platform.commons.util.ClassLoaderUtils.class),
            location(org.opentest4j.AssertionFailedError.class),
            location(org.apiguardian.api.API.class));
        Path sources = Path.of(ForkedSuiteRunnerTest.class.getResource("/suite-fixtures/example/OrdersIT.java").toURI()).getParent();
        List<String> args = new ArrayList<>(List.of("-d", testClasses.toString(), "-cp",
            String.join(File.pathSeparator, serviceClasspath.stream().map(Path::toString).toList())));
        try (Stream<Path> files = Files.list(sources)) {
            files.map(Path::toString).forEach(args::add);
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
    }

    @Test
    void passingSuiteRunsOnlyItsTagInAForkAndWritesJUnitXml() throws Exception {
        Path reports = work.resolve("pass/test-reports");

        ForkedSuiteResult result = new ForkedSuiteRunner(events::add).run(request("integration", reports));

        assertThat(result).isEqualTo(new ForkedSuiteResult(2, 2, 0, 0, List.of()));
        assertThat(result.passed()).isTrue();
        assertThat(Files.readString(reports.resolve("TEST-junit-jupiter.xml")))
            .contains("classname=\"example.OrdersIT\"").doesNotContain("HealthSanityIT");
        assertThat(messages()).contains("PASSED OrdersIT > seesTheStageEndpoint()", "orders suite says hello")
            .anyMatch(m -> m.startsWith("Suite 'integration' passed: Tests run: 2, Failures: 0, Skipped: 0"));
        assertThat(ForkedSuiteRunner.summaryFile(reports)).exists();
    }

    @Test
    void anotherTagSelectsAnotherSuite() {
        ForkedSuiteResult result = new ForkedSuiteRunner(events::add).run(request("sanity", work.resolve("sanity/test-reports")));

        assertThat(result.found()).isOne();
        assertThat(messages()).contains("PASSED HealthSanityIT > isUp()");
    }

    @Test
    void failingSuiteReportsEachFailureWithNameAndMessage() {
        ForkedSuiteResult result = new ForkedSuiteRunner(events::add).run(request("broken", work.resolve("broken/test-reports")));

        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).isEqualTo("Tests run: 2, Failures: 1, Skipped: 0");
        assertThat(result.failures()).containsExactly(new SuiteFailure("BrokenIT > returnsTheOrder()",
            "AssertionFailedError: GET /orders/1 status ==> expected: <200> but was: <404>"));
        assertThat(events).filteredOn(e -> e.severity() == StageEvent.Severity.ERROR).extracting(StageEvent::message)
            .contains("FAILED BrokenIT > returnsTheOrder(): AssertionFailedError: GET /orders/1 status ==> expected: <200> but was: <404>");
    }

    @Test
    void tagWithoutTestsFailsInsteadOfPassingSilently() {
        assertThatThrownBy(() -> new ForkedSuiteRunner(events::add).run(request("smoke", work.resolve("smoke/test-reports"))))
            .isInstanceOf(NoTestsFoundException.class)
            .hasMessage("No tests tagged 'smoke' in " + testClasses
                + "; tag the suite's classes with @Tag(\"smoke\") or choose the stage's suite tag");
    }

    @Test
    void missingTestClassesFailBeforeForking() {
        SuiteRequest request = new SuiteRequest("local", ENDPOINT, work.resolve("nothing"), serviceClasspath, launcherJars(),
            "integration", work.resolve("r"), Map.of(), null);

        assertThatThrownBy(() -> new ForkedSuiteRunner(events::add).run(request))
            .isInstanceOf(SuiteException.class)
            .hasMessageStartingWith("No test classes at " + work.resolve("nothing") + "; compile the suite first");
    }

    @Test
    void aStageWithoutAnApiRunsItsSuiteWithoutAnEndpointProperty() {
        SuiteRequest request = new SuiteRequest("dev", null, testClasses, serviceClasspath, launcherJars(), "sanity",
            work.resolve("no-api/test-reports"), Map.of("samstage.stackName", "orders-dev"), null);

        ForkedSuiteResult result = new ForkedSuiteRunner(events::add).run(request);

        assertThat(result.passed()).isTrue();
        assertThat(messages()).contains("Running the 'sanity' suite against the functions of stage dev (it has no API)");
        // the report lists the suite JVM's system properties: the stack, and no endpoint
        assertThat(work.resolve("no-api/test-reports/TEST-junit-jupiter.xml")).content()
            .contains("name=\"samstage.stackName\" value=\"orders-dev\"").doesNotContain("samstage.endpoint");
    }

    private SuiteRequest request(String tag, Path reports) {
        return new SuiteRequest("local", ENDPOINT, testClasses, serviceClasspath, launcherJars(), tag, reports,
            Map.of("aws.region", "eu-west-1"), null);
    }

    /** The kit's launcher as built in this reactor, plus the plugin's launcher and reporting jars. */
    static List<Path> launcherJars() {
        Path kit = Path.of("..", "integration-test-kit", "target", "classes").toAbsolutePath().normalize();
        assertThat(kit.resolve("dev/samstage/testkit/launch/SuiteLauncher.class"))
            .as("the test kit must be compiled first: ./mvnw -B -o -q -pl integration-test-kit compile").exists();
        return List.of(kit, location(LauncherFactory.class), location(LegacyXmlReportGeneratingListener.class));
    }

    private List<String> messages() {
        return events.stream().map(StageEvent::message).toList();
    }

    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
