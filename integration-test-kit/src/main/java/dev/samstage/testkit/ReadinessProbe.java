package dev.samstage.testkit;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Right after a deploy, a stage may answer 5xx or 403 for a while. Polls one path until it
 * answers the expected status or the time is up; tests themselves are never retried.
 *
 * @param path the path polled, relative to the endpoint
 * @param expectedStatus the status that means ready
 * @param timeout the longest wait
 * @param interval the pause between polls
 */
record ReadinessProbe(String path, int expectedStatus, Duration timeout, Duration interval) {

    /** Returns when ready; throws {@link StageConfigurationException} naming the keys when the time is up. */
    void await(String endpoint, Supplier<RequestSpecification> specs, SecretMask mask) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int polls = 0;
        String last;
        while (true) {
            polls++;
            try {
                int status = specs.get().get(path).statusCode();
                if (status == expectedStatus) {
                    return;
                }
                last = "answered " + status;
            } catch (RuntimeException e) {
                last = "failed (" + e.getClass().getSimpleName() + ": " + mask.text(String.valueOf(e.getMessage())) + ")";
            }
            if (System.nanoTime() + interval.toNanos() > deadline) {
                throw new StageConfigurationException("Stage not ready: GET " + endpoint + path + " " + last + " on the last of " + polls
                        + " polls within " + timeout.toMillis() + " ms, expected " + expectedStatus + " ("
                        + StageProperties.READINESS_PATH + ", " + StageProperties.READINESS_STATUS + ", "
                        + StageProperties.READINESS_TIMEOUT + "); check the deployment or raise the timeout");
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StageConfigurationException("Readiness wait on GET " + endpoint + path + " was interrupted");
            }
        }
    }
}
