package dev.samstage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class StageInjectionTest {

    private LocalApi api;

    @TempDir
    Path project;

    @BeforeEach
    void startApi() {
        Scenario.reset();
        api = LocalApi.start()
                .route("/health", r -> LocalApi.Answer.json(200, "{\"status\":\"ok\"}"))
                .route("/Prod/health", r -> LocalApi.Answer.json(200, "{\"status\":\"prod\"}"))
                .route("/Prod/v1/items", r -> LocalApi.Answer.json(200, "[]"))
                .route("/v2/items", r -> LocalApi.Answer.json(200, "[]"));
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    static class InjectsEverything {
        @RegisterExtension
        static final StageExtension stage = Scenario.extension();

        static final List<RequestSpecification> specs = new CopyOnWriteArrayList<>();

        @Test
        void firstTest(RequestSpecification spec, StageContext context, @StageOutput("TableName") String table) {
            specs.add(spec);
            spec.header("X-Only-In-First", "1").get("/health").then().statusCode(200).body("status", equalTo("ok"));
            assertThat(context.stage()).contains("dev");
            assertThat(context.outputs()).containsEntry("TableName", "quotes-dev");
            assertThat(table).isEqualTo("quotes-dev");
        }

        @Test
        void secondTest(RequestSpecification spec) {
            specs.add(spec);
            spec.get("/health").then().statusCode(200);
        }
    }

    @Test
    void injectsAFreshSpecificationPerTestAndTheStageContextAndOutputs() throws Exception {
        writeOutputs("dev", "{\"stage\":\"dev\",\"stackName\":\"svc-dev\",\"region\":\"eu-west-1\",\"endpoint\":\"" + api.endpoint()
                + "\",\"outputs\":{\"ApiUrl\":\"" + api.endpoint() + "\",\"TableName\":\"quotes-dev\"}}");
        InjectsEverything.specs.clear();

        EngineExecutionResults results = Fixtures.run(InjectsEverything.class,
                Map.of(StageProperties.ENV, "dev", StageProperties.PROJECT_DIR, project.toString()));

        assertThat(Fixtures.testFailures(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(2));
        assertThat(InjectsEverything.specs).hasSize(2).doesNotHaveDuplicates();
        assertThat(api.received()).hasSize(2);
        assertThat(api.received().stream().filter(r -> r.header("X-Only-In-First") != null)).hasSize(1);
    }

    @StageTest(basePath = "/v1")
    static class AnnotatedWithBasePath {
        @Test
        void requestsGoToEndpointPathPlusBasePath(RequestSpecification spec, StageContext context) {
            assertThat(context.endpoint().getPath()).isEqualTo("/Prod");
            spec.get("/items").then().statusCode(200);
        }
    }

    @Test
    void stageTestAnnotationAppliesItsBasePathAfterTheEndpointPath() {
        EngineExecutionResults results = Fixtures.run(AnnotatedWithBasePath.class,
                Map.of(StageProperties.ENDPOINT, api.endpoint() + "/Prod/"));

        assertThat(Fixtures.testFailures(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(api.received()).extracting(LocalApi.Received::rawPath).containsExactly("/Prod/v1/items");
    }

    static class BasePathFromKey {
        @RegisterExtension
        static final StageExtension stage = Scenario.extension();

        @Test
        void usesTheConfiguredBasePath(RequestSpecification spec) {
            spec.get("/items").then().statusCode(200);
        }
    }

    @Test
    void basePathKeyAppliesWhenTheAnnotationSetsNone() {
        Scenario.reset().environment.put("SAMSTAGE_BASE_PATH", "/v2");

        EngineExecutionResults results = Fixtures.run(BasePathFromKey.class, Map.of(StageProperties.ENDPOINT, api.endpoint().toString()));

        assertThat(Fixtures.testFailures(results)).isEmpty();
        assertThat(api.received()).extracting(LocalApi.Received::rawPath).containsExactly("/v2/items");
    }

    static class MissingOutput {
        @RegisterExtension
        static final StageExtension stage = Scenario.extension();

        @Test
        void wantsAnOutputThatDoesNotExist(@StageOutput("QueueUrl") String queue) {
        }
    }

    @Test
    void aMissingOutputFailsTheTestNamingTheOutputsThatExist() throws Exception {
        writeOutputs("dev", "{\"endpoint\":\"" + api.endpoint() + "\",\"outputs\":{\"ApiUrl\":\"x\",\"TableName\":\"t\"}}");

        EngineExecutionResults results = Fixtures.run(MissingOutput.class,
                Map.of(StageProperties.ENV, "dev", StageProperties.PROJECT_DIR, project.toString()));

        assertThat(Fixtures.testFailures(results)).singleElement().asString()
                .contains("No stack output 'QueueUrl'", "ApiUrl, TableName", "outputs file");
    }

    static class HttpsWithoutPort {
        @RegisterExtension
        static final StageExtension stage = Scenario.extension();

        static final List<String> uris = new CopyOnWriteArrayList<>();

        @Test
        void sendsToTheDefaultHttpsPort(RequestSpecification spec) {
            // answer inside the filter chain: nothing leaves the machine
            spec.filter((request, response, ctx) -> {
                uris.add(request.getURI());
                return new io.restassured.builder.ResponseBuilder().setStatusCode(204).setBody("").build();
            }).get("/health").then().statusCode(204);
        }
    }

    @Test
    void anHttpsEndpointWithoutPortKeepsTheDefaultPortAndStagePath() {
        HttpsWithoutPort.uris.clear();

        EngineExecutionResults results = Fixtures.run(HttpsWithoutPort.class,
                Map.of(StageProperties.ENDPOINT, "https://abc123.execute-api.eu-west-1.amazonaws.com/Prod"));

        assertThat(Fixtures.testFailures(results)).isEmpty();
        assertThat(HttpsWithoutPort.uris).containsExactly("https://abc123.execute-api.eu-west-1.amazonaws.com/Prod/health");
        assertThat(URI.create(HttpsWithoutPort.uris.get(0)).getPort()).isEqualTo(-1);
    }

    private void writeOutputs(String env, String json) throws Exception {
        Path file = project.resolve("target/samstage/" + env + "/outputs.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }
}
