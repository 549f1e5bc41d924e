package dev.samstage.core.traffic;

import java.time.Duration;

/** Waits between polls; tests pass one that does not wait. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
