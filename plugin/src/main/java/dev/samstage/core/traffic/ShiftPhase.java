package dev.samstage.core.traffic;

/** Where one CodeDeploy Lambda deployment stands, as far as traffic is concerned. */
public enum ShiftPhase {
    /** Created or Queued: CodeDeploy has not started moving traffic. */
    WAITING,
    /** InProgress, Baking or Ready: hooks run and traffic moves. */
    SHIFTING,
    SUCCEEDED,
    FAILED,
    STOPPED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == STOPPED;
    }

    /** The phase for a CodeDeploy deployment status; an unfamiliar status counts as still running. */
    public static ShiftPhase of(String codeDeployStatus) {
        return switch (codeDeployStatus) {
            case "Created", "Queued" -> WAITING;
            case "Succeeded" -> SUCCEEDED;
            case "Failed" -> FAILED;
            case "Stopped" -> STOPPED;
            default -> SHIFTING;
        };
    }
}
