package dev.samstage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Secrets never reach a log: failed tests' exchanges and Rest Assured's own logging mask them. */
class SecretMaskingTest {

    private static final String API_KEY = "fake-api-key-DoNotLog-4f1c2b";
    private static final String BEARER = "fake.jwt.DoNotLog-9a8b7c";
    private static final String COOKIE = "session-DoNotLog-77aa";

    private LocalApi api;

    @BeforeEach
    void startApi() {
        Scenario.reset();
        api = LocalApi.start()
                .route("/quotes", r -> new LocalApi.Answer(500, "application/json",
                        "{\"message\":\"boom\",\"echo\":\"" + r.header("x-api-key") + "\"}", Map.of("Set-Cookie", "sid=" + COOKIE)))
                .route("/health", r -> LocalApi.Answer.json(200, "{\"status\":\"ok\"}"));
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    static class FailsAfterAnAuthenticatedCall {
        @RegisterExtension
        static final StageExtension stage = Scenario.extension();

        @Test
        void expectsCreatedButTheServiceFails(RequestSpecification spec) {
            spec.cookie("sid", COOKIE).contentType("application/json").body("{\"productId\":\"p-1\"}")
                    .post("/quotes").then().statusCode(201);
        }

        @Test
        void passes(RequestSpecification spec) {
            spec.get("/health").then().statusCode(200);
        }
    }

    @Test
    void aFailedTestLogsItsExchangesWithEverySecretMasked() {
        Scenario scenario = Scenario.reset();
        scenario.environment.put("SAMSTAGE_API_KEY", API_KEY);

        EngineExecutionResults results = Fixtures.run(FailsAfterAnAuthenticatedCall.class,
                Map.of(StageProperties.ENDPOINT, api.endpoint().toString(), StageProperties.BEARER_TOKEN, BEARER));

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(api.received().get(0).header("x-api-key")).isEqualTo(API_KEY);
        assertThat(api.received().get(0).header("Authorization")).isEqualTo("Bearer " + BEARER);
        String log = scenario.logText();
        assertThat(log)
                .contains("HTTP exchanges of failed test expectsCreatedButTheServiceFails",
                        "--> POST " + api.endpoint() + "/quotes",
                        "x-api-key: [masked]", "Authorization: [masked]", "Cookie: [masked]",
                        "{\"productId\":\"p-1\"}", "<-- HTTP/1.1 500", "\"echo\":\"[masked]\"")
                .doesNotContain(API_KEY, BEARER, COOKIE, "GET " + api.endpoint() + "/health");
        assertThat(log.toLowerCase()).contains("set-cookie: [masked]");
        assertThat(String.join("\n", Fixtures.testFailures(results))).doesNotContain(API_KEY, BEARER);
    }

    static class LogsEverythingItself {
        @RegisterExtension
        static final StageExtension stage = Scenario.extension();

        @Test
        void logsWithRestAssured(RequestSpecification spec) {
            spec.log().all().get("/health").then().log().all().statusCode(200);
        }
    }

    @Test
    void restAssuredsOwnLoggingHidesTheSensitiveHeaders() {
        Scenario.reset().environment.put("SAMSTAGE_API_KEY", API_KEY);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Fixtures.run(LogsEverythingItself.class, Map.of(StageProperties.ENDPOINT, api.endpoint().toString(),
                    StageProperties.BEARER_TOKEN, BEARER)).testEvents().assertStatistics(s -> s.succeeded(1));
        } finally {
            System.setOut(original);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("x-api-key=[ BLACKLISTED ]", "Authorization=[ BLACKLISTED ]")
                .doesNotContain(API_KEY, BEARER);
    }

    @Test
    void maskingIsCaseInsensitiveAndCoversSigningQueryParameters() {
        SecretMask mask = new SecretMask(java.util.List.of("X-Custom-Key"), java.util.List.of("s3cr3t-value", "ab"));

        assertThat(mask.header("AUTHORIZATION", "AWS4-HMAC-SHA256 Signature=abc")).isEqualTo("[masked]");
        assertThat(mask.header("x-custom-key", "anything")).isEqualTo("[masked]");
        assertThat(mask.header("Accept", "text/s3cr3t-value")).isEqualTo("text/[masked]");
        assertThat(mask.text("https://h/p?X-Amz-Signature=deadbeef&X-Amz-Security-Token=tok&a=b"))
                .isEqualTo("https://h/p?X-Amz-Signature=[masked]&X-Amz-Security-Token=[masked]&a=b");
        assertThat(mask.text("ab stays")).isEqualTo("ab stays");
    }

    @Test
    void settingsNeverPrintTheirValues() {
        assertThat(new Setting(StageProperties.API_KEY, API_KEY, "environment variable SAMSTAGE_API_KEY").toString())
                .doesNotContain(API_KEY);
    }
}
