package dev.samstage.core.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deployment did, per region.
 *
 * @param stage   stage name
 * @param regions one result per region, in the stage's region order
 */
public record DeployResult(String stage, List<RegionResult> regions) {

    /** What happened to the stack. */
    public enum Outcome {
        /** The stack was created. */
        CREATED,
        /** The stack was updated. */
        UPDATED,
        /** The template and parameters match the stack: nothing was executed. */
        NO_CHANGES,
        /** The change set was created and waits for review ({@code -Dsamstage.changeSet=<id>}). */
        AWAITING_APPROVAL
    }

    /**
     * One region's deployment.
     *
     * @param region      region
     * @param stackName   stack name
     * @param stackId     stack ARN, empty when no stack exists (an approval pending on a new stack has one)
     * @param outcome     what happened
     * @param changeSetId the change set created or executed; empty when there were no changes
     * @param endpoint    the stage endpoint, when known
     * @param outputs     the stack outputs after the deployment
     */
    public record RegionResult(String region, String stackName, Optional<String> stackId, Outcome outcome,
                               Optional<String> changeSetId, Optional<String> endpoint, Map<String, String> outputs) {
        public RegionResult {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(outcome, "outcome");
            outputs = Map.copyOf(outputs);
        }
    }

    public DeployResult {
        regions = List.copyOf(regions);
    }

    /** The primary region's result. */
    public RegionResult primary() {
        return regions.get(0);
    }

    public boolean awaitingApproval() {
        return regions.stream().anyMatch(r -> r.outcome() == Outcome.AWAITING_APPROVAL);
    }
}
