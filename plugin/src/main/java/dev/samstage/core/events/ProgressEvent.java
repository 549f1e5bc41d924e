package dev.samstage.core.events;

import java.time.Duration;

/**
 * An event that only reports progress: the next one of its kind replaces it, so a terminal
 * shows it as one live line and CI logs may print or thin it out.
 */
public interface ProgressEvent extends StageEvent {

    @Override
    default Severity severity() {
        return Severity.INFO;
    }

    @Override
    default boolean progress() {
        return true;
    }

    /**
     * How often a build log, where nothing is overwritten, shows this kind of progress at most:
     * a heartbeat, not a line per update.
     */
    default Duration logInterval() {
        return Duration.ofSeconds(2);
    }
}
