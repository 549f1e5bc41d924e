package dev.samstage.core.deploy;

import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/**
 * Another operation on the stack got in between this deployment's plan and its execution:
 * a concurrent deployment of the same stage executed its change set (CloudFormation then
 * deletes every other change set of the stack), is still running (the stack is busy), or
 * created the stack meanwhile. The deployment that lost the race waits for that operation
 * and plans again, rather than failing on a refusal that does not say why.
 */
final class StackContention extends DeployException {

    private StackContention(String message, CloudFormationException cause) {
        super(message, cause);
    }

    /** The contention {@code e} reports about {@code stackName}, if it is one. */
    static Optional<StackContention> of(CloudFormationException e, String stackName, String region) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        String reason = RegionDeployment.reason(e);
        boolean contended = code.startsWith("ChangeSetNotFound")
                || code.startsWith("InvalidChangeSetStatus")
                || reason.contains("state and can not be updated")
                || reason.contains("already exists and cannot be created again");
        return contended
                ? Optional.of(new StackContention("Another operation on stack " + stackName + " in " + region
                        + " got in before this deployment (" + reason + "); wait for it to finish, then deploy again.", e))
                : Optional.empty();
    }

    /** Once contention has repeated too often: stop with a message naming the likely cause. */
    DeployException persisting(String stackName, String region, int attempts) {
        return new DeployException("Stack " + stackName + " in " + region + " changed under this deployment " + attempts
                + " times in a row (last: " + RegionDeployment.reason((CloudFormationException) getCause())
                + "); another deployment of the same stage is running. Wait for it to finish, then deploy again.", this);
    }
}
