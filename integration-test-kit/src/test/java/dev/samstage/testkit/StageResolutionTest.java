package dev.samstage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Each source of the endpoint, and their documented order. */
class StageResolutionTest {

    /** The sources, highest precedence first. */
    enum Source {
        CONFIGURATION_PARAMETER("JUnit configuration parameter samstage.endpoint"),
        SYSTEM_PROPERTY("system property samstage.endpoint"),
        SAMSTAGE_ENDPOINT("environment variable SAMSTAGE_ENDPOINT"),
        API_URL("environment variable API_URL"),
        OUTPUTS_FILE("outputs file"),
        STACK_OUTPUTS("CloudFormation stack samstage.stackName=svc-dev");

        final String description;

        Source(String description) {
            this.description = description;
        }

        String endpoint() {
            return "http://127.0.0.1:9/" + name().toLowerCase();
        }
    }

    @TempDir
    Path project;

    @BeforeAll
    static void createStacks() {
        LocalStacks.clear();
        LocalStacks.create("eu-west-1", "svc-dev",
                Map.of("ApiUrl", Source.STACK_OUTPUTS.endpoint(), "TableName", "quotes-from-stack"));
        LocalStacks.create("eu-west-1", "svc-on-emulator",
                Map.of("ApiUrl", "https://abc123.execute-api.eu-west-1.amazonaws.com/Prod"));
        LocalStacks.create("eu-west-1", "svc-custom-output",
                Map.of("HttpApiUrl", "http://127.0.0.1:9/custom"));
    }

    @BeforeEach
    void clear() {
        Scenario.reset();
        RecordsContext.seen.clear();
    }

    static class RecordsContext {
        @RegisterExtension
        static final StageExtension stage = Scenario.extension();

        static final List<StageContext> seen = new CopyOnWriteArrayList<>();

        @Test
        void records(StageContext context) {
            seen.add(context);
        }
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void theHighestSourcePresentGivesTheEndpoint(Source highest) throws Exception {
        Scenario scenario = Scenario.reset();
        Map<String, String> configuration = new HashMap<>(Map.of(
                StageProperties.ENV, "dev",
                StageProperties.PROJECT_DIR, project.toString(),
                StageProperties.STACK_NAME, "svc-dev",
                StageProperties.REGION, "eu-west-1",
                StageProperties.AWS_ENDPOINT_URL, LocalStacks.endpoint().toString()));
        for (Source source : Source.values()) {
            if (source.ordinal() < highest.ordinal()) {
                continue;
            }
            switch (source) {
                case CONFIGURATION_PARAMETER -> configuration.put(StageProperties.ENDPOINT, source.endpoint());
                case SYSTEM_PROPERTY -> scenario.systemProperties.put(StageProperties.ENDPOINT, source.endpoint());
                case SAMSTAGE_ENDPOINT -> scenario.environment.put("SAMSTAGE_ENDPOINT", source.endpoint());
                case API_URL -> scenario.environment.put("API_URL", source.endpoint());
                case OUTPUTS_FILE -> writeOutputs("dev", "{\"stage\":\"dev\",\"stackName\":\"svc-dev\",\"region\":\"eu-west-1\",\"endpoint\":\""
                        + source.endpoint() + "\",\"outputs\":{\"TableName\":\"quotes-from-file\"}}");
                case STACK_OUTPUTS -> { } // always there
            }
        }

        StageContext context = runOnce(configuration);

        assertThat(context.endpoint()).hasToString(highest.endpoint());
        assertThat(context.source()).startsWith(highest.description);
        assertThat(context.stage()).contains("dev");
        assertThat(context.region()).contains("eu-west-1");
        assertThat(context.outputs()).containsEntry("TableName",
                highest == Source.STACK_OUTPUTS ? "quotes-from-stack" : "quotes-from-file");
    }

    @Test
    void aSystemPropertyThatJUnitAlsoOffersAsAConfigurationParameterIsNamedAsTheSystemProperty() {
        Scenario.reset().systemProperties.put(StageProperties.ENDPOINT, "http://127.0.0.1:9/from-d");

        // what the JUnit launcher does with -Dsamstage.endpoint=... when no parameter is set
        StageContext context = runOnce(Map.of(StageProperties.ENDPOINT, "http://127.0.0.1:9/from-d"));

        assertThat(context.source()).isEqualTo("system property samstage.endpoint");
    }

    @Test
    void withoutAnOutputsFileTheOutputsComeFromTheNamedStack() {
        StageContext context = runOnce(Map.of(
                StageProperties.ENDPOINT, "http://127.0.0.1:9/direct",
                StageProperties.STACK_NAME, "svc-dev",
                StageProperties.REGION, "eu-west-1",
                StageProperties.AWS_ENDPOINT_URL, LocalStacks.endpoint().toString()));

        assertThat(context.stackName()).contains("svc-dev");
        assertThat(context.outputs()).containsEntry("TableName", "quotes-from-stack");
    }

    @Test
    void aStacksExecuteApiUrlIsCalledOnTheEmulatorsDataPlaneWhenTheStackLivesInAnEmulator() {
        StageContext context = runOnce(Map.of(
                StageProperties.STACK_NAME, "svc-on-emulator",
                StageProperties.REGION, "eu-west-1",
                StageProperties.AWS_ENDPOINT_URL, LocalStacks.endpoint().toString()));

        assertThat(context.endpoint()).hasToString(LocalStacks.endpoint() + "/restapis/abc123/Prod/_user_request_");
        assertThat(context.outputs()).containsEntry("ApiUrl", "https://abc123.execute-api.eu-west-1.amazonaws.com/Prod");
    }

    @Test
    void stackNameAndAwsEndpointMayComeFromTheEnvironment() {
        Scenario scenario = Scenario.reset();
        scenario.environment.putAll(Map.of(
                "SAMSTAGE_STACK_NAME", "svc-custom-output",
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", LocalStacks.endpoint().toString()));

        StageContext context = runOnce(Map.of(StageProperties.ENDPOINT_OUTPUT, "HttpApiUrl"));

        assertThat(context.endpoint()).hasToString("http://127.0.0.1:9/custom");
        assertThat(context.stage()).isEmpty();
    }

    @Test
    void anOutputsFileWithoutEndpointFieldUsesItsApiUrlOutput() throws Exception {
        writeOutputs("qa", "{\"outputs\":{\"ApiUrl\":\"http://127.0.0.1:9/from-output/\"}}");
        Scenario.reset().environment.put("SAMSTAGE_ENV", "qa");

        StageContext context = runOnce(Map.of(StageProperties.PROJECT_DIR, project.toString()));

        assertThat(context.endpoint()).hasToString("http://127.0.0.1:9/from-output");
        assertThat(context.stage()).contains("qa");
    }

    @Test
    void aPerRegionOutputsFileWithOneRegionNeedsNoRegionKey() throws Exception {
        writeOutputs("dev", "{\"regions\":{\"eu-west-1\":{\"stage\":\"dev\",\"endpoint\":\"http://127.0.0.1:9/eu\",\"outputs\":{}}}}");

        StageContext context = runOnce(Map.of(StageProperties.ENV, "dev", StageProperties.PROJECT_DIR, project.toString()));

        assertThat(context.endpoint()).hasToString("http://127.0.0.1:9/eu");
        assertThat(context.region()).contains("eu-west-1");
    }

    @Test
    void aPerRegionOutputsFilePicksTheConfiguredRegion() throws Exception {
        writeOutputs("dev", "{\"stage\":\"dev\",\"regions\":{"
                + "\"eu-west-1\":{\"endpoint\":\"http://127.0.0.1:9/eu\"},"
                + "\"us-east-1\":{\"endpoint\":\"http://127.0.0.1:9/us\",\"outputs\":{\"TableName\":\"us-table\"}}}}");

        StageContext context = runOnce(Map.of(StageProperties.ENV, "dev", StageProperties.PROJECT_DIR, project.toString(),
                StageProperties.REGION, "us-east-1"));

        assertThat(context.endpoint()).hasToString("http://127.0.0.1:9/us");
        assertThat(context.outputs()).containsEntry("TableName", "us-table");
        assertThat(context.stage()).contains("dev");
    }

    @Test
    void anExplicitOutputsFileIsReadWithoutAStageName() throws Exception {
        Path file = project.resolve("elsewhere.json");
        Files.writeString(file, "{\"stage\":\"feature-x\",\"endpoint\":\"https://x.example.com/v1\"}");

        StageContext context = runOnce(Map.of(StageProperties.OUTPUTS_FILE, file.toString()));

        assertThat(context.endpoint()).hasToString("https://x.example.com/v1");
        assertThat(context.stage()).contains("feature-x");
    }

    private StageContext runOnce(Map<String, String> configuration) {
        EngineExecutionResults results = Fixtures.run(RecordsContext.class, configuration);
        assertThat(Fixtures.classFailures(results)).isEmpty();
        assertThat(Fixtures.testFailures(results)).isEmpty();
        assertThat(RecordsContext.seen).hasSize(1);
        return RecordsContext.seen.get(0);
    }

    private void writeOutputs(String env, String json) throws Exception {
        Path file = project.resolve("target/samstage/" + env + "/outputs.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }
}
