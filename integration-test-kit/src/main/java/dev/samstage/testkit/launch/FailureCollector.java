package dev.samstage.testkit.launch;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects every failed test or container (a failing {@code @BeforeAll} fails its class)
 * with a readable name and the failure's message.
 */
final class FailureCollector implements TestExecutionListener {

    /** One failure as the summary file reports it. */
    record Failure(String test, String message) {
    }

    private final List<Failure> failures = new ArrayList<>();
    private final AtomicReference<TestPlan> plan = new AtomicReference<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan.set(testPlan);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() != TestExecutionResult.Status.FAILED) {
            return;
        }
        String message = result.getThrowable()
            .map(t -> t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage())
            .orElse("failed");
        failures.add(new Failure(ConsoleProgress.name(plan.get(), id), message.strip()));
    }

    synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }
}
