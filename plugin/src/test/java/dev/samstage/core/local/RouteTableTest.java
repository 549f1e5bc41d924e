package dev.samstage.core.local;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    private final RouteTable table = new RouteTable(List.of(
        route("GET", "/orders"),
        route("GET", "/orders/{id}"),
        route("GET", "/orders/recent"),
        route("ANY", "/orders/{id}"),
        route("ANY", "/{proxy+}"),
        route("POST", "/files/{key+}")));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "GET,    /orders,            GET /orders",
        "GET,    /orders/,           GET /orders",
        "GET,    /orders/recent,     GET /orders/recent",
        "GET,    /orders/42,         GET /orders/{id}",
        "DELETE, /orders/42,         ANY /orders/{id}",
        "GET,    /orders/42/items,   ANY /{proxy+}",
        "POST,   /files/a/b/c.txt,   POST /files/{key+}",
        "GET,    /files/a,           ANY /{proxy+}",
    })
    void picksTheMostSpecificRoute(String method, String path, String expected) {
        assertThat(table.find(method, path)).get().extracting(m -> m.route().routeKey()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/orders/a%20b,     id=a b",
        "/orders/42,        id=42",
    })
    void decodesPathParameters(String path, String expected) {
        assertThat(table.find("GET", path)).get().extracting(m -> m.pathParameters().toString()).isEqualTo("{" + expected + "}");
    }

    @org.junit.jupiter.api.Test
    void rootIsNotMatchedByAGreedyRoute() {
        assertThat(new RouteTable(List.of(route("ANY", "/{proxy+}"))).find("GET", "/")).isEmpty();
    }

    private static LocalRoute route(String method, String path) {
        return new LocalRoute(ApiKind.REST, "Api", method, path, "Fn", "Event", PayloadFormat.V1);
    }
}
