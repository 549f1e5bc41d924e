package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * CodeDeploy's PreTraffic hook: before any traffic reaches the new version ({@code TARGET_VERSION}),
 * its {@code GET /health} must answer 200; reports Succeeded or Failed to CodeDeploy.
 */
public class PreTrafficCheck implements RequestHandler<Map<String, String>, String> {

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        String target = System.getenv("TARGET_VERSION");
        String answer;
        try (LambdaClient lambda = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            InvokeResponse response = lambda.invoke(r -> r.functionName(target).payload(SdkBytes.fromUtf8String(
                    "{\"resource\":\"/health\",\"path\":\"/health\",\"httpMethod\":\"GET\"}")));
            answer = response.payload().asUtf8String();
        }
        boolean healthy = answer.contains("\"statusCode\":200");
        LifecycleEventStatus status = healthy ? LifecycleEventStatus.SUCCEEDED : LifecycleEventStatus.FAILED;
        try (CodeDeployClient codeDeploy = CodeDeployClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            codeDeploy.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(event.get("DeploymentId"))
                    .lifecycleEventHookExecutionId(event.get("LifecycleEventHookExecutionId")).status(status));
        }
        String line = "Pre-traffic health check of " + target + ": " + answer + " -> reported " + status;
        System.out.println(line);
        return line;
    }
}
