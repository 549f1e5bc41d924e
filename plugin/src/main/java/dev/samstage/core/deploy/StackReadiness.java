package dev.samstage.core.deploy;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Brings a stack to a state a change set can be made for: waits (bounded, saying so) while
 * another operation runs, deletes a stack left in {@code ROLLBACK_COMPLETE} by a failed first
 * create so that it can be created again, and refuses stacks CloudFormation cannot update.
 */
final class StackReadiness {

    private final CloudFormationClient cfn;
    private final StageListener listener;
    private final Supplier<StackWatcher> watchers;
    private final String region;
    private final Duration busyWait;

    StackReadiness(CloudFormationClient cfn, StageListener listener, Supplier<StackWatcher> watchers, String region,
                   Duration busyWait) {
        this.cfn = cfn;
        this.listener = listener;
        this.watchers = watchers;
        this.region = region;
        this.busyWait = busyWait;
    }

    /** Waits out another operation and clears a failed first create; the stack as it then is. */
    Optional<Stack> prepare(String stackName) {
        Optional<Stack> stack = StackState.describe(cfn, stackName);
        StackState state = StackState.of(stack);
        if (state == StackState.BUSY) {
            listener.on(StageEvent.warn("Stack " + stackName + " in " + region + " is " + stack.get().stackStatusAsString()
                    + " (another operation); waiting up to " + busyWait.toMinutes() + " min for it to finish."));
            StackWatcher watcher = watchers.get();
            watcher.skipPastEvents(stackName);
            watcher.untilSettled(stackName, busyWait, "waiting for another operation");
            stack = StackState.describe(cfn, stackName);
            state = StackState.of(stack);
        }
        if (state == StackState.FAILED_FIRST_CREATE) {
            listener.on(StageEvent.warn("Stack " + stackName + " in " + region + " is ROLLBACK_COMPLETE after a failed "
                    + "first create and cannot be updated; deleting it and creating it again."));
            StackWatcher watcher = watchers.get();
            String stackId = stack.get().stackId();
            watcher.skipPastEvents(stackId);
            cfn.deleteStack(r -> r.stackName(stackId));
            Optional<Stack> left = watcher.untilSettledOrGone(stackId, busyWait);
            if (left.isPresent()) {
                String status = left.get().stackStatusAsString();
                throw new StackFailedException("Stack " + stackName + " in " + region + " could not be deleted (" + status
                        + watcher.rootCause(stackId).map(c -> "; " + c).orElse("")
                        + "); delete it in the CloudFormation console, then deploy again.", status);
            }
            listener.on(StageEvent.info("Deleted stack " + stackName + " in " + region + "; creating it again."));
            return Optional.empty();
        }
        if (state == StackState.STUCK) {
            throw new DeployException("Stack " + stackName + " in " + region + " is " + stack.get().stackStatusAsString()
                    + ", which CloudFormation cannot update; recover it in the CloudFormation console (continue the "
                    + "rollback or delete it), then deploy again.");
        }
        return stack;
    }
}
