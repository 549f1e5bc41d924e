package dev.samstage.core.deploy;

import java.time.Duration;
import java.util.Objects;

/**
 * How often to ask CloudFormation: start fast, grow by half each quiet poll, stop growing at
 * a cap. The status is polled on a low cap so that a terminal state is seen within about a
 * second; events are polled on a higher cap while nothing happens, and fast again once they
 * flow.
 *
 * @param initial first interval
 * @param cap     longest interval
 */
public record PollSchedule(Duration initial, Duration cap) {

    /**
     * Stack status: 200 ms growing to 500 ms, so the build ends within a second of the stack
     * (half a second to see it, the rest to write outputs and exit). Two DescribeStacks a second
     * is well inside CloudFormation's API limits.
     */
    public static final PollSchedule STATUS = new PollSchedule(Duration.ofMillis(200), Duration.ofMillis(500));
    /** Stack events: 200 ms growing to 5 s while the stack is quiet. */
    public static final PollSchedule EVENTS = new PollSchedule(Duration.ofMillis(200), Duration.ofSeconds(5));

    public PollSchedule {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(cap, "cap");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be positive: " + initial);
        }
        if (cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("cap " + cap + " is below initial " + initial);
        }
    }

    /** The interval after {@code current} when nothing changed. */
    public Duration next(Duration current) {
        Duration grown = current.plus(current.dividedBy(2));
        return grown.compareTo(cap) > 0 ? cap : grown;
    }
}
