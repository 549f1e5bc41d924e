package dev.samstage.core.release;

/** What became of a release in a stage. */
public enum Verdict {
    /** A person approved it; it moves on to the next stage. */
    APPROVED,
    /** A person rejected it; it never enters this stage again. */
    REJECTED,
    /** A newer release took its place while it waited. */
    SUPERSEDED
}
