package dev.samstage.core.verify;

/** No test carries the suite's tag, so the run proved nothing and must not pass. */
public final class NoTestsFoundException extends SuiteException {

    public NoTestsFoundException(String message) {
        super(message);
    }
}
