package dev.samstage.maven;

import dev.samstage.core.StageException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Durations given as properties: whole seconds ({@code 30}) or ISO-8601 ({@code PT30S}). */
final class Durations {

    private Durations() {
    }

    static Duration parse(String value, String property) {
        String v = value.trim();
        try {
            return v.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new StageException(property + " '" + value + "' is not a duration; use seconds (30) or ISO-8601 (PT30S).");
        }
    }
}
