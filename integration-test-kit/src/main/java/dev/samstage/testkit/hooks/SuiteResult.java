package dev.samstage.testkit.hooks;

import java.util.List;

/**
 * The outcome of one in-process suite run.
 *
 * @param found     tests found with the tag
 * @param succeeded tests that passed
 * @param failures  one line per failed test: its name and the failure message
 */
public record SuiteResult(long found, long succeeded, List<String> failures) {

    public SuiteResult {
        failures = List.copyOf(failures);
    }

    /** Passed only when tests ran and none failed: an empty suite proves nothing. */
    public boolean passed() {
        return found > 0 && failures.isEmpty();
    }
}
