package dev.samstage.core.deploy;

import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * What a stack's status means for the next deployment.
 */
enum StackState {
    /** No stack, or one only reviewed ({@code REVIEW_IN_PROGRESS}): create it. */
    ABSENT,
    /** A first create failed and rolled back: the stack can only be deleted, then created again. */
    FAILED_FIRST_CREATE,
    /** Another operation is running: wait for it. */
    BUSY,
    /** Stable and updatable. */
    UPDATABLE,
    /** A failure CloudFormation cannot recover from by itself (for example UPDATE_ROLLBACK_FAILED). */
    STUCK;

    private static final Set<String> SUCCESS = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE");

    static StackState of(Optional<Stack> stack) {
        if (stack.isEmpty()) {
            return ABSENT;
        }
        String status = stack.get().stackStatusAsString();
        if ("REVIEW_IN_PROGRESS".equals(status)) {
            return ABSENT;
        }
        if ("ROLLBACK_COMPLETE".equals(status)) {
            return FAILED_FIRST_CREATE;
        }
        if (inProgress(status)) {
            return BUSY;
        }
        if (status.endsWith("_FAILED")) {
            return STUCK;
        }
        return UPDATABLE;
    }

    static boolean inProgress(String status) {
        return status.endsWith("_IN_PROGRESS") && !"REVIEW_IN_PROGRESS".equals(status);
    }

    static boolean succeeded(String status) {
        return SUCCESS.contains(status);
    }

    /** The stack, or empty when CloudFormation says it does not exist. */
    static Optional<Stack> describe(CloudFormationClient cfn, String stack) {
        try {
            return cfn.describeStacks(r -> r.stackName(stack)).stacks().stream().findFirst()
                    .filter(s -> !"DELETE_COMPLETE".equals(s.stackStatusAsString()));
        } catch (CloudFormationException e) {
            String m = String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
            if (m.contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
