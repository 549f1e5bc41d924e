package dev.samstage.core.deploy;

import dev.samstage.core.deploy.DeployResult.RegionResult;
import dev.samstage.core.stage.PendingChangeSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files a deployment that stops for approval leaves for the next step (a pipeline's execute
 * action, or a person running the deploy again): the change set ids and a one-line summary. A
 * deployment that executes removes them, so that nothing reads a change set already executed.
 */
final class ApprovalFiles {

    private ApprovalFiles() {
    }

    /** Writes the pending change sets; returns the {@code -Dsamstage.changeSet} value that executes them. */
    static String writePending(Path outputDir, String stage, List<RegionResult> results, Map<String, ChangeSetSummary> reviewed) {
        List<String> ids = results.stream().flatMap(r -> r.changeSetId().stream()).toList();
        List<String> parts = new ArrayList<>();
        reviewed.forEach((region, cs) -> parts.add(summary(cs, region)));
        PendingChangeSet pending = new PendingChangeSet(ids, "Stage " + stage + ": " + String.join("; ", parts));
        pending.write(outputDir);
        return pending.propertyValue();
    }

    static void clearPending(Path outputDir) {
        PendingChangeSet.clear(outputDir);
    }

    private static String summary(ChangeSetSummary cs, String region) {
        List<String> changes = cs.changes().stream().map(c -> c.action() + " " + c.logicalId()
                + ("True".equals(c.replacement()) ? " (replaced)" : "")).toList();
        return "stack " + cs.stackName() + " in " + region + ", " + changes.size() + " change"
                + (changes.size() == 1 ? "" : "s") + (changes.isEmpty() ? "" : ": " + String.join(", ", changes));
    }
}
