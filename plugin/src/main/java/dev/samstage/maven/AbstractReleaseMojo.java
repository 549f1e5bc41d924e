package dev.samstage.maven;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.release.ReleaseRevision;
import dev.samstage.core.release.StageLedgers;
import dev.samstage.core.release.StageOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the release goals share: the release order, the release ledger in the stage accounts,
 * and who decides with which revision and reason.
 */
abstract class AbstractReleaseMojo extends AbstractStageMojo {

    /**
     * The release order as links from a stage to the stage after it (element name = stage,
     * value = next stage), e.g. {@code <nextStages><dev>staging</dev><staging>prod</staging></nextStages>}.
     * Empty (the default): the declaration order of the {@code <environment>} elements.
     */
    @Parameter
    protected Map<String, String> nextStages = new LinkedHashMap<>();

    /** Reach each stage's release ledger through its deployment role; false uses the caller's credentials as they are. */
    @Parameter(property = "samstage.assumeRoles", defaultValue = "true")
    protected boolean assumeRoles;

    /** The release decided on; default: whatever the stage holds. */
    @Parameter(property = "samstage.revision")
    protected String revision;

    /** Who decides; default {@code CODEBUILD_INITIATOR}, else the operating system user. */
    @Parameter(property = "samstage.approver")
    protected String approver;

    /** Why: recorded with the decision; required to reject. */
    @Parameter(property = "samstage.reason")
    protected String reason;

    /** Every declared stage but {@code local}, resolved (samconfig.toml, {@code -D} overrides), in release order. */
    List<Environment> stagesInOrder(StageOrder order) {
        List<Environment> declared = new ArrayList<>();
        for (EnvironmentElement e : environments) {
            declared.add(e.toCore());
        }
        List<Environment> resolved = new ArrayList<>();
        for (String name : order.stages()) {
            resolved.add(resolver().resolve(name, declared, samconfig == null ? null : samconfig.toPath(), stageOverrides()));
        }
        return resolved;
    }

    StageOrder releaseOrder() {
        List<String> names = new ArrayList<>();
        for (EnvironmentElement e : environments) {
            names.add(e.toCore().name());
        }
        return StageOrder.linked(names, nextStages);
    }

    StageLedgers openLedgers(AwsClientFactory base, StageListener listener) {
        StageOrder order = releaseOrder();
        return StageLedgers.open(project.getArtifactId(), stagesInOrder(order), order, resolver(), base, assumeRoles, listener);
    }

    String decider() {
        if (approver != null && !approver.isBlank()) {
            return approver.trim();
        }
        String initiator = System.getenv("CODEBUILD_INITIATOR");
        return initiator != null && !initiator.isBlank() ? initiator : System.getProperty("user.name");
    }

    /** The revision this checkout would release, for goals that act on "this build". */
    String thisRevision() {
        return ReleaseRevision.resolve(System.getenv(), project.getBasedir().toPath(), project.getVersion());
    }
}
