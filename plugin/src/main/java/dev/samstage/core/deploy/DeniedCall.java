package dev.samstage.core.deploy;

import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A call the stage's credentials may not make: a gap in the deployment role's policy, reported
 * in one line naming the role, the operation and what to change, instead of the SDK's message.
 */
final class DeniedCall {

    private DeniedCall() {
    }

    /** The one-line failure for an access-denied answer; empty for any other error. */
    static Optional<DeployException> of(AwsServiceException e, Optional<String> role, String region) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        boolean denied = e.statusCode() == 403 || "AccessDenied".equals(code) || "AccessDeniedException".equals(code);
        if (!denied) {
            return Optional.empty();
        }
        String service = e.awsErrorDetails() == null ? "AWS" : e.awsErrorDetails().serviceName();
        String detail = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? (code == null ? "HTTP 403" : code) : e.awsErrorDetails().errorMessage();
        String who = role.map(r -> "The deployment role " + r).orElse("The deploying credentials");
        return Optional.of(new DeployException(who + " was refused a " + service + " call in " + region + " (" + detail
                + "). Grant the action in the role's policy: regenerate it with mvn samstage:pipeline and update the"
                + " deployment role stack, or add the action with <deploymentRole><statements>.", e));
    }
}
