package dev.samstage.core.traffic;

import java.time.Instant;
import java.util.Objects;

/**
 * One CloudWatch alarm as DescribeAlarms reports it.
 *
 * @param name   alarm name
 * @param state  {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}
 * @param since  when the alarm entered that state (StateUpdatedTimestamp)
 * @param reason CloudWatch's state reason, may be empty
 */
public record AlarmState(String name, String state, Instant since, String reason) {

    public AlarmState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        reason = reason == null ? "" : reason;
    }

    public boolean inAlarm() {
        return "ALARM".equals(state);
    }

    /** {@code checkout-5xx in ALARM since 2026-01-01T10:00:00Z (Threshold Crossed: ...)}. */
    public String describe() {
        return name + " in " + state + " since " + since + (reason.isBlank() ? "" : " (" + reason + ")");
    }
}
