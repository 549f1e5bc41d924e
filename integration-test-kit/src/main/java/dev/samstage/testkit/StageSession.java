package dev.samstage.testkit;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.LogConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;

/**
 * One test class's view of the stage: where to send requests and how to authenticate.
 * Hands out a fresh {@link RequestSpecification} per call, built from immutable parts and
 * never from Rest Assured's static settings.
 */
final class StageSession {

    private final StageContext context;
    private final String basePath;
    private final StageAuth auth;
    private final Duration requestTimeout;

    StageSession(StageContext context, String basePath, StageAuth auth, Duration requestTimeout) {
        this.context = context;
        this.basePath = basePath;
        this.auth = auth;
        this.requestTimeout = requestTimeout;
    }

    StageContext context() {
        return context;
    }

    SecretMask mask() {
        return auth.mask();
    }

    /** A new specification for the stage; {@code log}, when given, records its exchanges. */
    RequestSpecification newSpec(ExchangeLog log) {
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
        RestAssuredConfig config = RestAssuredConfig.config()
                .logConfig(LogConfig.logConfig().defaultStream(System.out).blacklistHeaders(auth.mask().headerNames()))
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", timeoutMillis)
                        .setParam("http.socket.timeout", timeoutMillis));
        RequestSpecBuilder builder = new RequestSpecBuilder()
                .setConfig(config)
                .setBaseUri(context.endpoint().toString())
                .setBasePath(basePath)
                .addHeaders(auth.headers());
        if (auth.signer() != null) {
            builder.addFilter(auth.signer());
        }
        if (log != null) {
            builder.addFilter(log);
        }
        return RestAssured.given().spec(builder.build());
    }

    @Override
    public String toString() {
        return "StageSession[" + context + ", basePath=" + basePath + ", " + auth + "]";
    }
}
