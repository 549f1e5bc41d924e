package dev.samstage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The opt-in readiness wait: bounded polling before the first test, never retries of tests. */
class ReadinessWaitTest {

    private final AtomicInteger healthPolls = new AtomicInteger();
    private volatile int readyAfter;
    private LocalApi api;

    @BeforeEach
    void startApi() {
        Scenario.reset();
        api = LocalApi.start()
                .route("/Prod/health", r -> healthPolls.incrementAndGet() > readyAfter
                        ? LocalApi.Answer.json(200, "{\"status\":\"ok\"}")
                        : LocalApi.Answer.json(503, "{\"message\":\"Service Unavailable\"}"))
                .route("/Prod/v1/items", r -> LocalApi.Answer.json(500, "{}"));
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    static class TwoTests {
        @RegisterExtension
        static final StageExtension stage = Scenario.extension();

        @Test
        void first(RequestSpecification spec) {
            spec.get("/items").then().statusCode(500);
        }

        @Test
        void failsWithoutRetry(RequestSpecification spec) {
            spec.get("/items").then().statusCode(200);
        }
    }

    static class AnotherClass extends TwoTests {
    }

    private Map<String, String> readiness(String timeout) {
        return Map.of(
                StageProperties.ENDPOINT, api.endpoint() + "/Prod",
                StageProperties.BASE_PATH, "/v1",
                StageProperties.READINESS_PATH, "health",
                StageProperties.READINESS_TIMEOUT, timeout,
                StageProperties.READINESS_INTERVAL, "0.05");
    }

    @Test
    void pollsUntilTheStageAnswersThenRunsEachTestOnce() {
        readyAfter = 3;

        EngineExecutionResults results = Fixtures.run(List.of(TwoTests.class, AnotherClass.class), readiness("10"));

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(2));
        assertThat(healthPolls).hasValue(4);
        assertThat(api.received()).extracting(LocalApi.Received::rawPath).containsExactly(
                "/Prod/health", "/Prod/health", "/Prod/health", "/Prod/health",
                "/Prod/v1/items", "/Prod/v1/items", "/Prod/v1/items", "/Prod/v1/items");
    }

    @Test
    void aStageThatNeverAnswersFailsEachClassOnceWithinTheTimeout() {
        readyAfter = Integer.MAX_VALUE;
        long start = System.nanoTime();

        EngineExecutionResults results = Fixtures.run(List.of(TwoTests.class, AnotherClass.class), readiness("PT0.5S"));

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(results.testEvents().started().count()).isZero();
        assertThat(Fixtures.classFailures(results)).hasSize(2).allSatisfy(message -> assertThat(message)
                .contains("Stage not ready: GET " + api.endpoint() + "/Prod/health answered 503",
                        "expected 200", "samstage.readiness.path", "samstage.readiness.timeout"));
        assertThat(elapsedMillis).isLessThan(5_000);
        assertThat(healthPolls.get()).isBetween(2, 12);
    }

    @Test
    void anExpectedStatusOtherThan200CanBeConfigured() {
        readyAfter = Integer.MAX_VALUE;
        Map<String, String> configuration = new java.util.HashMap<>(readiness("5"));
        configuration.put(StageProperties.READINESS_STATUS, "503");

        EngineExecutionResults results = Fixtures.run(TwoTests.class, configuration);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(healthPolls).hasValue(1);
    }

    @Test
    void withoutAReadinessPathNothingIsPolled() {
        EngineExecutionResults results = Fixtures.run(TwoTests.class, Map.of(StageProperties.ENDPOINT, api.endpoint() + "/Prod",
                StageProperties.BASE_PATH, "/v1"));

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(healthPolls).hasValue(0);
    }
}
