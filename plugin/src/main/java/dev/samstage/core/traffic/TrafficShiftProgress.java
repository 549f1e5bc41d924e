package dev.samstage.core.traffic;

import dev.samstage.core.events.ProgressEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A live progress line of one traffic shift, replaced by the next one: a terminal renderer
 * overwrites it in place; a plain (CI) renderer may drop it, because every change of
 * percentage, step or hook status is also reported as a plain INFO line.
 *
 * @param deploymentId   CodeDeploy deployment id
 * @param target         {@code <function>:<alias>}
 * @param phase          where the deployment stands
 * @param trafficPercent share of traffic on the new version, negative when unknown
 * @param step           steps taken so far
 * @param steps          steps in total, 0 when the routing is unknown
 * @param untilNextStep  time to the next step, null when none is due
 * @param hooks          hook lifecycle events and their status
 * @param message        the whole line
 */
public record TrafficShiftProgress(
        String deploymentId,
        String target,
        ShiftPhase phase,
        double trafficPercent,
        int step,
        int steps,
        Duration untilNextStep,
        Map<String, String> hooks,
        String message) implements ProgressEvent {

    public TrafficShiftProgress {
        // keep the lifecycle order (BeforeAllowTraffic before AfterAllowTraffic)
        hooks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hooks == null ? Map.of() : hooks));
    }

    public Optional<Duration> nextStepIn() {
        return Optional.ofNullable(untilNextStep);
    }

    /**
     * Every step and hook status is an INFO line of its own, so in a build log the countdown is
     * only a sign of life: one line every 30 seconds, not one per poll (every 5 seconds by
     * default, 120 lines over a ten-minute linear shift).
     */
    @Override
    public Duration logInterval() {
        return Duration.ofSeconds(30);
    }
}
