package dev.samstage.sample.quotes;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuoteApiHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Catalog catalog = Catalog.bundled();
    private final QuoteApiHandler handler = new QuoteApiHandler(catalog,
            new QuotePricing(catalog, Clock.fixed(Instant.parse("2026-03-01T10:15:30.123Z"), ZoneOffset.UTC), () -> "q-test-1"),
            new ServiceInfo("quote-service", "1.2.3", "dev"));

    private APIGatewayProxyResponseEvent call(String method, String path) {
        return handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod(method).withPath(path), null);
    }

    private APIGatewayProxyResponseEvent post(String body) {
        return handler.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/quotes")
                .withHeaders(Map.of("content-type", "application/json; charset=utf-8")).withBody(body), null);
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        return JSON.readTree(response.getBody());
    }

    @Test
    void healthReportsServiceVersionAndStage() throws Exception {
        APIGatewayProxyResponseEvent response = call("GET", "/health");

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("version").asText()).isEqualTo("1.2.3");
        assertThat(body.path("stage").asText()).isEqualTo("dev");
    }

    @Test
    void theBundledServiceInfoCarriesTheMavenVersionAndTheStageVariable() {
        ServiceInfo info = ServiceInfo.fromPackage(name -> name.equals("STAGE") ? "prod" : null);

        assertThat(info.name()).isEqualTo("quote-service");
        assertThat(info.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(info.stage()).isEqualTo("prod");
        assertThat(ServiceInfo.fromPackage(name -> null).stage()).isEqualTo("unknown");
    }

    @Test
    void getsOneProductByPathParameter() throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(new APIGatewayProxyRequestEvent()
                .withHttpMethod("GET").withResource("/products/{id}").withPath("/products/p-201")
                .withPathParameters(Map.of("id", "p-201")), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.path("name").asText()).isEqualTo("Work gloves (pair)");
        assertThat(body.path("unitPrice").asText()).isEqualTo("12.40");
        assertThat(body.path("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void anUnknownProductIs404WithAJsonError() throws Exception {
        APIGatewayProxyResponseEvent response = call("GET", "/products/p-999");

        assertThat(response.getStatusCode()).isEqualTo(404);
        JsonNode body = body(response);
        assertThat(body.path("error").asText()).isEqualTo("not_found");
        assertThat(body.path("message").asText()).isEqualTo("No product with id 'p-999'");
    }

    @ParameterizedTest
    @CsvSource({"tools, 3", "TOOLS, 3", "safety, 3", "measuring, 2", "garden, 0", "'', 8"})
    void listsProductsFilteredByCategory(String category, int expected) throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(new APIGatewayProxyRequestEvent()
                .withHttpMethod("GET").withPath("/products").withQueryStringParameters(Map.of("category", category)), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).path("products")).hasSize(expected);
    }

    @Test
    void createsAQuoteWithExactTotals() throws Exception {
        APIGatewayProxyResponseEvent response = post(
                "{\"items\":[{\"productId\":\"p-100\",\"quantity\":2},{\"productId\":\"p-200\",\"quantity\":3}],\"customerReference\":\"PO-7\"}");

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = body(response);
        assertThat(body.path("quoteId").asText()).isEqualTo("q-test-1");
        assertThat(body.path("lines").get(1).path("lineTotal").asText()).isEqualTo("26.85");
        assertThat(body.path("subtotal").asText()).isEqualTo("286.65");
        assertThat(body.path("discount").asText()).isEqualTo("0.00");
        assertThat(body.path("tax").asText()).isEqualTo("57.33");
        assertThat(body.path("total").asText()).isEqualTo("343.98");
        assertThat(body.path("validUntil").asText()).isEqualTo("2026-03-15T10:15:30Z");
        assertThat(body.path("customerReference").asText()).isEqualTo("PO-7");
    }

    @Test
    void acceptsABase64EncodedBody() throws Exception {
        String encoded = Base64.getEncoder().encodeToString(
                "{\"items\":[{\"productId\":\"p-102\",\"quantity\":1}]}".getBytes(StandardCharsets.UTF_8));
        APIGatewayProxyResponseEvent response = handler.handleRequest(new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST").withPath("/quotes").withIsBase64Encoded(true).withBody(encoded), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(body(response).path("total").asText()).isEqualTo("29.40");
    }

    @Test
    void badInputIs400NamingTheField() throws Exception {
        APIGatewayProxyResponseEvent response = post("{\"items\":[{\"productId\":\"p-100\",\"quantity\":0}]}");

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode body = body(response);
        assertThat(body.path("error").asText()).isEqualTo("invalid_request");
        assertThat(body.path("field").asText()).isEqualTo("items[0].quantity");
        assertThat(body.path("message").asText()).isEqualTo("items[0].quantity must be a whole number from 1 to 1000, not 0");
    }

    @Test
    void anUnknownProductInAQuoteIs422NamingTheItem() throws Exception {
        APIGatewayProxyResponseEvent response = post(
                "{\"items\":[{\"productId\":\"p-100\",\"quantity\":1},{\"productId\":\"p-404\",\"quantity\":1}]}");

        assertThat(response.getStatusCode()).isEqualTo(422);
        JsonNode body = body(response);
        assertThat(body.path("field").asText()).isEqualTo("items[1].productId");
        assertThat(body.path("message").asText()).contains("unknown product 'p-404'");
    }

    @Test
    void aNonJsonContentTypeIs415() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST").withPath("/quotes").withHeaders(Map.of("Content-Type", "text/plain")).withBody("x"), null);

        assertThat(response.getStatusCode()).isEqualTo(415);
    }

    @ParameterizedTest
    @CsvSource({"POST, /health, 405", "DELETE, /products/p-100, 405", "GET, /quotes, 405", "GET, /orders, 404",
            "GET, /products/p-100/reviews, 404", "GET, /health/, 200"})
    void routesByMethodAndPath(String method, String path, int status) {
        assertThat(call(method, path).getStatusCode()).isEqualTo(status);
    }
}
