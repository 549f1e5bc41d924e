package dev.samstage.core.events;

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
}
