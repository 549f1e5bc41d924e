package dev.samstage.core.traffic;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.LambdaFunctionInfo;
import software.amazon.awssdk.services.codedeploy.model.LambdaTarget;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;

/**
 * The Lambda target of a deployment (ListDeploymentTargets, BatchGetDeploymentTargets): which
 * alias shifts, the new version's traffic weight, and the lifecycle events (hooks, AllowTraffic).
 *
 * @param target        {@code <function>:<alias>}
 * @param percent       share of traffic on the new version, negative when unknown
 * @param targetVersion the new version
 * @param lifecycle     lifecycle event name to status
 * @param shiftStarted  when AllowTraffic started, null if it has not
 */
record LambdaTargetReading(String target, double percent, String targetVersion, Map<String, String> lifecycle, Instant shiftStarted) {

    /** Reads the first Lambda target of the deployment; empty if CodeDeploy shows none or cannot be asked. */
    static Optional<LambdaTargetReading> read(CodeDeployClient codeDeploy, String deploymentId) {
        try {
            List<String> ids = codeDeploy.listDeploymentTargets(r -> r.deploymentId(deploymentId)).targetIds();
            if (ids.isEmpty()) {
                return Optional.empty();
            }
            return codeDeploy.batchGetDeploymentTargets(r -> r.deploymentId(deploymentId).targetIds(ids.get(0)))
                    .deploymentTargets().stream()
                    .filter(t -> t.lambdaTarget() != null)
                    .findFirst()
                    .map(t -> of(t.lambdaTarget()));
        } catch (SdkException e) {
            // progress details are a nicety; the deployment status alone still drives the watch
            return Optional.empty();
        }
    }

    private static LambdaTargetReading of(LambdaTarget t) {
        Map<String, String> lifecycle = new LinkedHashMap<>();
        Instant shiftStarted = null;
        for (LifecycleEvent e : t.lifecycleEvents()) {
            lifecycle.put(e.lifecycleEventName(), e.statusAsString());
            if ("AllowTraffic".equals(e.lifecycleEventName())) {
                shiftStarted = e.startTime();
            }
        }
        LambdaFunctionInfo f = t.lambdaFunctionInfo();
        double percent = f == null || f.targetVersionWeight() == null ? -1 : Math.round(f.targetVersionWeight() * 1000.0) / 10.0;
        String target = f != null && f.functionName() != null && f.functionAlias() != null
                ? f.functionName() + ":" + f.functionAlias() : t.targetId();
        return new LambdaTargetReading(target, percent, f == null ? "" : f.targetVersion(), lifecycle, shiftStarted);
    }

    void applyTo(DeploymentObservation.Builder seen) {
        if (target != null) {
            seen.target(target);
        }
        seen.trafficPercent(percent).targetVersion(targetVersion).lifecycle(lifecycle).shiftStarted(shiftStarted);
    }
}
