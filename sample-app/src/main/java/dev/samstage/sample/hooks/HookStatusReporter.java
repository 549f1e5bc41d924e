package dev.samstage.sample.hooks;

/** Tells CodeDeploy how a lifecycle hook ended, which lets the deployment go on or roll back. */
@FunctionalInterface
public interface HookStatusReporter {

    /**
     * @param deploymentId the deployment that called the hook
     * @param executionId the hook execution to report on
     * @param succeeded whether the check passed
     */
    void report(String deploymentId, String executionId, boolean succeeded);
}
