package dev.samstage.testkit.launch;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;

/** Prints one line per finished or skipped test: {@code PASSED OrdersIT > returns the order}. */
final class ConsoleProgress implements TestExecutionListener {

    private final PrintWriter out;
    private final AtomicReference<TestPlan> plan = new AtomicReference<>();

    ConsoleProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan.set(testPlan);
        out.println("Found " + testPlan.countTestIdentifiers(TestIdentifier::isTest) + " test(s)");
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        out.println("SKIPPED " + name(plan.get(), id) + " (" + reason + ")");
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            String status = switch (result.getStatus()) {
                case SUCCESSFUL -> "PASSED";
                case ABORTED -> "ABORTED";
                case FAILED -> "FAILED";
            };
            String reason = result.getThrowable().map(t -> " - " + t).orElse("");
            out.println(status + " " + name(plan.get(), id) + reason);
        }
    }

    /** The test's display name behind its parent's, e.g. {@code OrdersIT > returns 404}. */
    static String name(TestPlan plan, TestIdentifier id) {
        if (plan == null) {
            return id.getDisplayName();
        }
        return plan.getParent(id)
            .filter(parent -> parent.getParentId().isPresent())
            .map(parent -> parent.getDisplayName() + " > " + id.getDisplayName())
            .orElse(id.getDisplayName());
    }
}
