package dev.samstage.core.release;

import java.util.Objects;

/**
 * What a product release did to one service pipeline.
 *
 * @param pipeline the service pipeline
 * @param action   the approval action ({@code Approve-<env>})
 * @param outcome  approved, rejected, nothing pending, or failed
 * @param detail   one line: the summary sent, or why nothing happened
 */
public record PipelineApproval(String pipeline, String action, Outcome outcome, String detail) {

    /** The result for one pipeline. */
    public enum Outcome { APPROVED, REJECTED, NOTHING_PENDING, FAILED }

    public PipelineApproval {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }
}
