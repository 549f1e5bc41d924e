package dev.samstage.core.verify;

import java.util.List;

/**
 * The outcome of a suite run.
 *
 * @param found      tests discovered for the tag (skipped ones included)
 * @param succeeded  tests that passed
 * @param failed     tests and containers that failed
 * @param skipped    tests disabled or aborted by an assumption
 * @param failures   each failure with the test's name and message
 */
public record ForkedSuiteResult(long found, long succeeded, long failed, long skipped, List<SuiteFailure> failures) {

    public ForkedSuiteResult {
        failures = List.copyOf(failures);
    }

    /** Whether the suite ran tests and none failed. */
    public boolean passed() {
        return found > 0 && failed == 0;
    }

    /** One line in Surefire's words: {@code Tests run: 5, Failures: 1, Skipped: 0}. */
    public String summary() {
        return "Tests run: " + found + ", Failures: " + failed + ", Skipped: " + skipped;
    }
}
