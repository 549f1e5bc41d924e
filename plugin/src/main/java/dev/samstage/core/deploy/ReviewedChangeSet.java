package dev.samstage.core.deploy;

import dev.samstage.core.config.StagePropertyNames;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checks before executing a change set someone reviewed ({@code -Dsamstage.changeSet}):
 * it belongs to this stage's stack, CloudFormation can still execute it, and the packaged
 * template is the one it was created from (its SHA-256, recorded in the description).
 */
final class ReviewedChangeSet {

    private ReviewedChangeSet() {
    }

    /** @throws DeployException naming the change set and what to do instead */
    static void verify(ChangeSetSummary cs, String givenId, String stackName, String stage, String sha256, Path packaged) {
        if (!stackName.equals(cs.stackName())) {
            throw new DeployException("Change set " + givenId + " belongs to stack " + cs.stackName() + ", not "
                    + stackName + "; pass a change set of stage " + stage + ".");
        }
        if (!cs.executable()) {
            throw new DeployException("Change set " + cs.id() + " can no longer be executed (status " + cs.status()
                    + ", execution status " + cs.executionStatus() + "); run the deploy without -D"
                    + StagePropertyNames.CHANGE_SET + " to create a new change set and review it.");
        }
        Optional<String> reviewed = cs.templateSha256();
        if (reviewed.isEmpty() || !reviewed.get().equals(sha256)) {
            throw new DeployException("The packaged template " + packaged + " (sha256 " + sha256.substring(0, 12)
                    + ") is not the one reviewed in change set " + cs.id() + " (sha256 "
                    + reviewed.map(s -> s.substring(0, 12)).orElse("unknown") + "); nothing was executed. Deploy without -D"
                    + StagePropertyNames.CHANGE_SET + " to create a change set for this template and review it.");
        }
    }
}
