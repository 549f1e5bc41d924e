package dev.samstage.core.verify;

/**
 * One failed test of a suite run.
 *
 * @param test     the test's name, e.g. {@code OrdersIT > returnsTheOrder()}
 * @param message  the failure's message
 */
public record SuiteFailure(String test, String message) {
}
