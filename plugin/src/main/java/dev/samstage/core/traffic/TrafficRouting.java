package dev.samstage.core.traffic;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.codedeploy.model.TrafficRoutingConfig;

/**
 * How a CodeDeploy Lambda configuration moves traffic to the new version: all at once, a
 * canary step then the rest, or equal steps at a fixed interval.
 *
 * @param kind       the routing kind
 * @param percentage percent moved per step (canary or linear); 100 for all at once
 * @param interval   time between steps; zero for all at once
 */
public record TrafficRouting(Kind kind, int percentage, Duration interval) {

    /** CodeDeploy's routing kinds for Lambda. */
    public enum Kind { ALL_AT_ONCE, CANARY, LINEAR }

    public static final TrafficRouting ALL_AT_ONCE = new TrafficRouting(Kind.ALL_AT_ONCE, 100, Duration.ZERO);

    public TrafficRouting {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(interval, "interval");
        if (percentage < 1 || percentage > 100) {
            throw new IllegalArgumentException("percentage must be 1..100, was " + percentage);
        }
    }

    /** The routing CodeDeploy reports for a configuration (GetDeploymentConfig). */
    public static Optional<TrafficRouting> of(TrafficRoutingConfig config) {
        if (config == null || config.type() == null) {
            return Optional.empty();
        }
        return switch (config.type()) {
            case ALL_AT_ONCE -> Optional.of(ALL_AT_ONCE);
            case TIME_BASED_CANARY -> Optional.of(new TrafficRouting(Kind.CANARY,
                    config.timeBasedCanary().canaryPercentage(),
                    Duration.ofMinutes(config.timeBasedCanary().canaryInterval())));
            case TIME_BASED_LINEAR -> Optional.of(new TrafficRouting(Kind.LINEAR,
                    config.timeBasedLinear().linearPercentage(),
                    Duration.ofMinutes(config.timeBasedLinear().linearInterval())));
            default -> Optional.empty();
        };
    }

    /** Steps from 0% to 100%: 1 for all at once, 2 for a canary, ceil(100/p) for linear. */
    public int steps() {
        return switch (kind) {
            case ALL_AT_ONCE -> 1;
            case CANARY -> 2;
            case LINEAR -> (100 + percentage - 1) / percentage;
        };
    }

    /** Steps already taken when the new version receives {@code percent} of the traffic. */
    public int stepsTaken(double percent) {
        if (percent >= 100) {
            return steps();
        }
        if (percent <= 0) {
            return 0;
        }
        return switch (kind) {
            case ALL_AT_ONCE -> 0;
            case CANARY -> 1;
            case LINEAR -> Math.max(1, (int) Math.round(percent / percentage));
        };
    }

    /**
     * When the next step is due, given when traffic shifting began (the AllowTraffic event's
     * start) and the current share; empty once everything has moved or for all at once.
     */
    public Optional<java.time.Instant> nextStepAt(java.time.Instant shiftStarted, double percent) {
        int taken = stepsTaken(percent);
        if (kind == Kind.ALL_AT_ONCE || taken == 0 || taken >= steps()) {
            return Optional.empty();
        }
        // the first step happens when shifting starts; each later one an interval after the previous
        return Optional.of(shiftStarted.plus(interval.multipliedBy(taken)));
    }

    /** For a person: {@code Linear 10% every 1 min}, {@code Canary 10% then the rest after 5 min}. */
    public String describe() {
        return switch (kind) {
            case ALL_AT_ONCE -> "all at once";
            case CANARY -> "canary " + percentage + "% then the rest after " + interval.toMinutes() + " min";
            case LINEAR -> "linear " + percentage + "% every " + interval.toMinutes() + " min";
        };
    }
}
