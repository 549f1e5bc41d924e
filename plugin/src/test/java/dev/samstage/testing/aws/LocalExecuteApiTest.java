package dev.samstage.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The local AWS serves a REST API stage through its execute-api data plane
 * ({@code /restapis/<apiId>/<stage>/_user_request_/<path>}) as API Gateway serves Lambda proxy
 * integrations: the API of {@link ProbeService}, deployed through CloudFormation, called over HTTP.
 */
@WithProbeService
class LocalExecuteApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProbeService service;

    LocalExecuteApiTest(ProbeService service) {
        this.service = service;
    }

    private HttpResponse<String> call(String method, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(service.stageUrl("Prod", path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theStagesApiRunsTheFunctionsAliasWithTheProxyEventAndAnswersWithItsResult() throws IOException, InterruptedException {
        HttpResponse<String> response = call("GET", "/items/42?q=tea");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("GET /items/{id} id=42 q=tea stage=Prod version=1");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.headers().firstValue("X-Release")).hasValue("api-v1");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
    }

    @Test
    void aHandlerTypedWithTheLambdaEventsLibraryGetsTheProxyEventAndABase64BodyStaysTextWithoutBinaryMediaTypes()
            throws IOException, InterruptedException {
        URI url = service.stageUrl("Prod", "/typed/7");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).header("X-Probe", "yes")
                .PUT(HttpRequest.BodyPublishers.ofString("payload")).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        // the API declares no binaryMediaTypes, so API Gateway hands the client the base64 text
        assertThat(new String(Base64.getDecoder().decode(response.body()), StandardCharsets.UTF_8))
                .isEqualTo("PUT 7 Prod yes payload");
    }

    @Test
    void aRouteTheApiDoesNotHaveIsMissingAuthenticationToken() throws IOException, InterruptedException {
        HttpResponse<String> response = call("GET", "/");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("Missing Authentication Token");
    }

    @Test
    void aFunctionErrorOrAMalformedResultIsABadGatewayForTheCaller() throws IOException, InterruptedException {
        for (String path : List.of("/boom", "/malformed")) {
            HttpResponse<String> response = call("POST", path);

            assertThat(response.statusCode()).as(path).isEqualTo(502);
            assertThat(JSON.readTree(response.body()).get("message").asText()).as(path).isEqualTo("Internal server error");
        }
    }

    @Test
    void aFunctionSlowerThanTheIntegrationTimeoutIsAGatewayTimeout() throws IOException, InterruptedException {
        URI url = service.stageUrl("Prod", "/slow");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());

        // the function sleeps 6 s (SLEEP_MILLIS), its integration waits 1 s (TimeoutInMillis)
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("Endpoint request timed out");
    }

    @Test
    void withoutAPermissionForApiGatewayOnTheFunctionTheCallIsAnInternalServerError()
            throws IOException, InterruptedException {
        String function = service.physicalId("UnpermittedApiFunction");
        assertThat(call("GET", "/unpermitted/1?q=a").statusCode()).as("with SAM's permission").isEqualTo(201);
        JsonNode policy = JSON.readTree(service.lambda.getPolicy(r -> r.functionName(function)).policy());
        for (JsonNode statement : policy.get("Statement")) {
            service.lambda.removePermission(r -> r.functionName(function).statementId(statement.get("Sid").asText()));
        }

        HttpResponse<String> response = call("GET", "/unpermitted/1?q=a");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("Internal server error");
    }

    @Test
    void aStageTheApiDoesNotHaveIsForbidden() throws IOException, InterruptedException {
        URI url = service.stageUrl("Nope", "/items/1");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("Forbidden");
    }
}
