package dev.samstage.sample.hooks;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** The hooks' real collaborators: Lambda Invoke and CodeDeploy's hook status call, built once per environment. */
final class AwsHookClients {

    private static final LambdaClient LAMBDA = LambdaClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    private static final CodeDeployClient CODE_DEPLOY = CodeDeployClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();

    private AwsHookClients() {
    }

    static FunctionInvoker invoker() {
        return (function, payload) -> {
            InvokeResponse response = LAMBDA.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
            String result = response.payload() == null ? "" : response.payload().asString(StandardCharsets.UTF_8);
            if (response.functionError() != null) {
                throw new IllegalStateException(function + " failed (" + response.functionError() + "): " + result);
            }
            return result;
        };
    }

    static HookStatusReporter reporter() {
        return (deploymentId, executionId, succeeded) -> CODE_DEPLOY.putLifecycleEventHookExecutionStatus(r -> r
                .deploymentId(deploymentId)
                .lifecycleEventHookExecutionId(executionId)
                .status(succeeded ? LifecycleEventStatus.SUCCEEDED : LifecycleEventStatus.FAILED));
    }
}
