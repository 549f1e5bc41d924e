package dev.samstage.testing.faults;

/** What the proxy does to one request instead of (or on top of) forwarding it. */
public enum Fault {
    /** Throttling as each protocol reports it: S3 503 SlowDown, query 400 Throttling, JSON 400 ThrottlingException. */
    THROTTLE,
    /** HTTP 500 InternalError (InternalFailure for JSON services); the request never reaches the service. */
    SERVER_ERROR,
    /** The connection is reset before the request reaches the service. */
    RESET_BEFORE,
    /**
     * The service handles the request, then the connection is reset before the answer arrives: the
     * case that makes a non-idempotent retry do the work twice.
     */
    RESET_AFTER,
    /** The answer is delayed, then delivered; not an error. */
    SLOW
}
