package dev.samstage.sample.hooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A CodeDeploy lifecycle hook for the API function: probes the function named by an
 * environment variable and reports Succeeded or Failed to CodeDeploy. A failed probe rolls
 * the deployment back; so does a hook that never reports, which is why every path reports.
 */
abstract class LifecycleHook implements RequestHandler<Map<String, Object>, String> {

    private final FunctionInvoker invoker;
    private final HookStatusReporter reporter;
    private final UnaryOperator<String> environment;
    private final String targetVariable;
    private final ApiProbe probe;

    LifecycleHook(FunctionInvoker invoker, HookStatusReporter reporter, UnaryOperator<String> environment,
                  String targetVariable, ApiProbe probe) {
        this.invoker = invoker;
        this.reporter = reporter;
        this.environment = environment;
        this.targetVariable = targetVariable;
        this.probe = probe;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        String deploymentId = String.valueOf(event.get("DeploymentId"));
        String executionId = String.valueOf(event.get("LifecycleEventHookExecutionId"));
        String target = environment.apply(targetVariable);
        String failure = target == null || target.isBlank()
                ? "environment variable " + targetVariable + " is not set; the template must pass the function version or alias"
                : probe.failureOf(invoker, target);
        boolean succeeded = failure == null;
        context.getLogger().log((succeeded ? "PASSED " : "FAILED ") + probe.description() + " on " + target
                + " for deployment " + deploymentId + (succeeded ? "" : ": " + failure) + "\n");
        reporter.report(deploymentId, executionId, succeeded);
        return succeeded ? "Succeeded" : "Failed";
    }
}
