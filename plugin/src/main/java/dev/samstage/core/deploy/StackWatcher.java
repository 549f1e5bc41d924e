package dev.samstage.core.deploy;

import dev.samstage.core.time.Sleeper;
import dev.samstage.core.events.StageListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * Follows one stack until it leaves {@code *_IN_PROGRESS}, streaming every new event to the
 * listener as it appears. The status is polled on {@link PollSchedule#STATUS} (so the end is
 * seen within about a second) and events on {@link PollSchedule#EVENTS}; the last events are
 * always fetched once the stack is terminal.
 */
final class StackWatcher {

    private static final int MAX_EVENT_PAGES = 5;

    private final CloudFormationClient cfn;
    private final StageListener listener;
    private final Sleeper sleeper;
    private final Clock clock;
    private final String region;
    private final Set<String> seen = new HashSet<>();
    private final List<StackEvent> streamed = new ArrayList<>();

    StackWatcher(CloudFormationClient cfn, StageListener listener, Sleeper sleeper, Clock clock, String region) {
        this.cfn = cfn;
        this.listener = listener;
        this.sleeper = sleeper;
        this.clock = clock;
        this.region = region;
    }

    /** Marks the stack's existing events as old, so that only what follows is streamed. */
    void skipPastEvents(String stack) {
        DescribeStackEventsResponse page = cfn.describeStackEvents(r -> r.stackName(stack));
        page.stackEvents().forEach(e -> seen.add(e.eventId()));
    }

    /** The events streamed so far, oldest first. */
    List<StackEvent> streamed() {
        return Collections.unmodifiableList(streamed);
    }

    /**
     * Polls until the stack is no longer in progress.
     *
     * @param stack   stack name or id
     * @param timeout how long to wait at most
     * @param busy    what the stack is doing, for the timeout message
     * @return the stack in its terminal state
     */
    Stack untilSettled(String stack, Duration timeout, String busy) {
        return follow(stack, timeout, busy, false).orElseThrow();
    }

    /** {@link #untilSettled} for a stack being deleted: empty once it is gone. */
    Optional<Stack> untilSettledOrGone(String stackId, Duration timeout) {
        return follow(stackId, timeout, "deleting", true);
    }

    private Optional<Stack> follow(String stack, Duration timeout, String busy, boolean mayVanish) {
        Instant deadline = clock.instant().plus(timeout);
        Duration statusDelay = PollSchedule.STATUS.initial();
        Duration eventsDelay = PollSchedule.EVENTS.initial();
        Instant nextEvents = clock.instant();
        while (true) {
            Optional<Stack> found = StackState.describe(cfn, stack);
            if (found.isEmpty() && mayVanish) {
                return found;
            }
            Stack current = found.orElseThrow(() ->
                    new DeployException("Stack " + stack + " in " + region + " disappeared while " + busy
                            + "; check the CloudFormation console for what deleted it."));
            boolean settled = !StackState.inProgress(current.stackStatusAsString());
            if (settled || !clock.instant().isBefore(nextEvents)) {
                boolean any = streamNewEvents(current.stackId());
                eventsDelay = any ? PollSchedule.EVENTS.initial() : PollSchedule.EVENTS.next(eventsDelay);
                nextEvents = clock.instant().plus(eventsDelay);
            }
            if (settled) {
                return Optional.of(current);
            }
            if (clock.instant().isAfter(deadline)) {
                throw new DeployException("Stack " + current.stackName() + " in " + region + " is still "
                        + current.stackStatusAsString() + " after " + timeout.toMinutes() + " min of " + busy
                        + "; look at it in the CloudFormation console and deploy again once it has finished.");
            }
            pause(statusDelay);
            statusDelay = PollSchedule.STATUS.next(statusDelay);
        }
    }

    private boolean streamNewEvents(String stackId) {
        List<StackEvent> fresh = new ArrayList<>();
        String token = null;
        for (int page = 0; page < MAX_EVENT_PAGES; page++) {
            String t = token;
            DescribeStackEventsResponse r = cfn.describeStackEvents(b -> b.stackName(stackId).nextToken(t));
            boolean reachedSeen = false;
            for (StackEvent e : r.stackEvents()) {
                if (seen.contains(e.eventId())) {
                    reachedSeen = true;
                    break;
                }
                fresh.add(e);
            }
            token = r.nextToken();
            if (reachedSeen || token == null) {
                break;
            }
        }
        Collections.reverse(fresh); // CloudFormation lists newest first
        for (StackEvent e : fresh) {
            seen.add(e.eventId());
            streamed.add(e);
            listener.on(StackEventLine.of(region, e));
        }
        return !fresh.isEmpty();
    }

    /** The first failed resource of this operation and its reason, following nested stacks. */
    Optional<String> rootCause(String stackId) {
        return firstFailure(streamed, stackId, 0);
    }

    private Optional<String> firstFailure(List<StackEvent> oldestFirst, String stackId, int depth) {
        for (StackEvent e : oldestFirst) {
            String status = e.resourceStatusAsString();
            // one line: the reason ends up in a one-line failure message
            String reason = e.resourceStatusReason() == null ? "" : e.resourceStatusReason().replaceAll("\\s*\\R\\s*", " ").strip();
            if (!status.endsWith("_FAILED") || reason.contains("cancelled")) {
                continue;
            }
            boolean nested = "AWS::CloudFormation::Stack".equals(e.resourceType())
                    && e.physicalResourceId() != null && !e.physicalResourceId().isBlank()
                    && !e.physicalResourceId().equals(stackId);
            if (nested && depth < 3) {
                List<StackEvent> inner = new ArrayList<>(
                        cfn.describeStackEvents(r -> r.stackName(e.physicalResourceId())).stackEvents());
                Collections.reverse(inner);
                Optional<String> cause = firstFailure(inner, e.physicalResourceId(), depth + 1);
                if (cause.isPresent()) {
                    return Optional.of("nested stack " + e.logicalResourceId() + " > " + cause.get());
                }
            }
            return Optional.of(e.logicalResourceId() + " (" + e.resourceType() + ") " + status
                    + (reason.isBlank() ? "" : ": " + reason));
        }
        return Optional.empty();
    }

    private void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("Interrupted while watching a stack in " + region + "; the stack operation goes on "
                    + "in CloudFormation.", e);
        }
    }
}
