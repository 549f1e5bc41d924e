package dev.samstage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A stage that cannot be found or used fails each class once, saying where it looked and what to do. */
class StageResolutionErrorsTest {

    @TempDir
    Path project;

    @BeforeAll
    static void createStacks() {
        LocalStacks.clear();
        LocalStacks.create("eu-west-1", "svc-no-api", Map.of("TableName", "t"));
    }

    @BeforeEach
    void clear() {
        Scenario.reset();
    }

    static class ThreeTests {
        @RegisterExtension
        static final StageExtension stage = Scenario.extension();

        @Test
        void one(StageContext context) {
        }

        @Test
        void two(StageContext context) {
        }

        @Test
        void three() {
        }
    }

    @Test
    void noEndpointAnywhereFailsTheClassOnceListingEveryPlaceLooked() {
        EngineExecutionResults results = Fixtures.run(ThreeTests.class, Map.of());

        assertThat(results.testEvents().started().count()).isZero();
        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .startsWith("StageConfigurationException: No endpoint for the stage under test. Looked in: ")
                .contains("JUnit configuration parameter samstage.endpoint",
                        "system property samstage.endpoint",
                        "environment variable SAMSTAGE_ENDPOINT",
                        "environment variable API_URL",
                        "outputs file target/samstage/<env>/outputs.json (skipped: neither samstage.env nor SAMSTAGE_ENV names a stage",
                        "CloudFormation stack outputs (skipped: neither samstage.stackName nor SAMSTAGE_STACK_NAME is set)",
                        "-Dsamstage.endpoint=<invoke URL>");
    }

    @Test
    void aStageWithNoOutputsFileAndNoStackNamesTheStageAndTheFile() {
        Scenario.reset().environment.put("SAMSTAGE_ENV", "dev");

        EngineExecutionResults results = Fixtures.run(ThreeTests.class, Map.of(StageProperties.PROJECT_DIR, project.toString()));

        Path expected = project.resolve("target/samstage/dev/outputs.json").toAbsolutePath();
        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .contains("outputs file " + expected + " for samstage.env=dev (from environment variable SAMSTAGE_ENV) (not found)",
                        "environment variable API_URL", "samstage.stackName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "ftp://example.com/api", "localhost:8080", "https:///Prod", "http://host/path?x=1"})
    void anEndpointThatIsNotAnHttpUrlFailsNamingTheKeyAndValue(String value) {
        Scenario.reset().environment.put("SAMSTAGE_ENDPOINT", value);

        EngineExecutionResults results = Fixtures.run(ThreeTests.class, Map.of());

        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .contains("samstage.endpoint (from environment variable SAMSTAGE_ENDPOINT) is '" + value + "', which is not an http(s) URL");
    }

    @Test
    void aBadEndpointInTheOutputsFileNamesTheFile() throws Exception {
        Path file = writeOutputs("dev", "{\"endpoint\":\"s3://bucket/key\"}");

        EngineExecutionResults results = Fixtures.run(ThreeTests.class,
                Map.of(StageProperties.ENV, "dev", StageProperties.PROJECT_DIR, project.toString()));

        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .contains("endpoint in outputs file " + file + " is 's3://bucket/key', which is not an http(s) URL");
    }

    @Test
    void aMalformedOutputsFileNamesTheFileAndLine() throws Exception {
        Path file = writeOutputs("dev", "{\n  \"endpoint\": \"http://x\",\n  oops\n}");

        EngineExecutionResults results = Fixtures.run(ThreeTests.class,
                Map.of(StageProperties.ENV, "dev", StageProperties.PROJECT_DIR, project.toString()));

        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .contains("Outputs file " + file + " is not valid JSON at line 3");
    }

    @Test
    void aPerRegionOutputsFileWithSeveralRegionsAsksForTheRegionKey() throws Exception {
        writeOutputs("dev", "{\"regions\":{\"eu-west-1\":{\"endpoint\":\"http://a\"},\"us-east-1\":{\"endpoint\":\"http://b\"}}}");

        EngineExecutionResults results = Fixtures.run(ThreeTests.class,
                Map.of(StageProperties.ENV, "dev", StageProperties.PROJECT_DIR, project.toString()));

        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .contains("holds regions eu-west-1, us-east-1; choose one with -Dsamstage.region=<region>");
    }

    @Test
    void aStackThatDoesNotExistIsNamedWithItsRegion() {
        EngineExecutionResults results = Fixtures.run(ThreeTests.class, Map.of(
                StageProperties.STACK_NAME, "svc-missing",
                StageProperties.REGION, "eu-west-1",
                StageProperties.AWS_ENDPOINT_URL, LocalStacks.endpoint().toString()));

        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .contains("CloudFormation stack samstage.stackName=svc-missing (from JUnit configuration parameter samstage.stackName)"
                        + " does not exist in region eu-west-1");
    }

    @Test
    void aStackWithoutTheEndpointOutputListsTheOutputsItHas() {
        EngineExecutionResults results = Fixtures.run(ThreeTests.class, Map.of(
                StageProperties.STACK_NAME, "svc-no-api",
                StageProperties.REGION, "eu-west-1",
                StageProperties.AWS_ENDPOINT_URL, LocalStacks.endpoint().toString()));

        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .contains("has no endpoint and no output ApiUrl (outputs: TableName)", "-Dsamstage.endpointOutput=<output>");
    }

    static class SecondClass extends ThreeTests {
    }

    @Test
    void everyClassOfARunReportsTheSameMissOnce() {
        EngineExecutionResults results = Fixtures.run(List.of(ThreeTests.class, SecondClass.class), Map.of());

        List<String> failures = Fixtures.classFailures(results);
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0)).isEqualTo(failures.get(1)).contains("Looked in:");
    }

    @Test
    void invalidReadinessSettingsNameTheKey() {
        EngineExecutionResults results = Fixtures.run(ThreeTests.class, Map.of(
                StageProperties.ENDPOINT, "http://127.0.0.1:9",
                StageProperties.READINESS_PATH, "/health",
                StageProperties.READINESS_TIMEOUT, "soon"));

        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .contains("samstage.readiness.timeout=soon (from JUnit configuration parameter samstage.readiness.timeout) is not a duration");
    }

    private Path writeOutputs(String env, String json) throws Exception {
        Path file = project.resolve("target/samstage/" + env + "/outputs.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file.toAbsolutePath();
    }
}
