package dev.samstage.core.events;

/** Receives the events core emits. Implementations must be thread-safe. */
@FunctionalInterface
public interface StageListener {

    StageListener IGNORE = event -> { };

    void on(StageEvent event);
}
