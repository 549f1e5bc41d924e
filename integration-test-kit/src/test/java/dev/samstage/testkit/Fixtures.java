package dev.samstage.testkit;

import java.util.List;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture classes through the Jupiter engine, as Surefire or the plugin would. */
final class Fixtures {

    private Fixtures() {
    }

    static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration, Filter<?>... filters) {
        return run(List.of(fixture), configuration, filters);
    }

    static EngineExecutionResults run(List<Class<?>> fixtures, Map<String, String> configuration, Filter<?>... filters) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(fixtures.stream().map(DiscoverySelectors::selectClass).toArray(DiscoverySelector[]::new))
                .configurationParameters(configuration)
                .filters(filters)
                .execute();
    }

    /** Messages of the failed containers (classes), e.g. a stage that could not be resolved. */
    static List<String> classFailures(EngineExecutionResults results) {
        return messages(results.containerEvents().failed().list());
    }

    /** Messages of the failed tests. */
    static List<String> testFailures(EngineExecutionResults results) {
        return messages(results.testEvents().failed().list());
    }

    private static List<String> messages(List<Event> events) {
        return events.stream()
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
                .toList();
    }
}
