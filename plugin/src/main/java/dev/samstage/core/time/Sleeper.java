package dev.samstage.core.time;

import java.time.Duration;

/** Waits between polls; injectable so tests need not wait in real time. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
