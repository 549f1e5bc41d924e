package dev.samstage.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.testing.aws.LocalAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentDoesNotExistException;

/** The local AWS records hook statuses as CodeDeploy receives them from a hook function. */
class LifecycleHookStatusTest {

    @Test
    void recordsTheStatusAHookReportsAndRefusesUnknownDeployments() {
        LocalAws.get().reset();
        try (AwsClientFactory clients = AwsClientFactory.create("us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)), LocalAws.get().endpoint());
             CodeDeployClient codeDeploy = clients.codeDeploy()) {
            codeDeploy.createApplication(b -> b.applicationName("shop").computePlatform("Lambda"));
            codeDeploy.createDeploymentGroup(b -> b.applicationName("shop").deploymentGroupName("checkout")
                    .serviceRoleArn("arn:aws:iam::123456789012:role/cd"));
            String id = CompatCodeDeploy.script("shop", "checkout", "checkout",
                    List.of(CompatCodeDeploy.step("InProgress", 0, Map.of("AfterAllowTraffic", "InProgress"))));

            String echoed = codeDeploy.putLifecycleEventHookExecutionStatus(b -> b.deploymentId(id)
                    .lifecycleEventHookExecutionId("hook-exec-1").status("Failed")).lifecycleEventHookExecutionId();

            assertThat(echoed).isEqualTo("hook-exec-1");
            JsonNode recorded = CompatCodeDeploy.hookStatuses();
            assertThat(recorded).hasSize(1);
            assertThat(recorded.get(0).get("deploymentId").asText()).isEqualTo(id);
            assertThat(recorded.get(0).get("status").asText()).isEqualTo("Failed");
            assertThatThrownBy(() -> codeDeploy.putLifecycleEventHookExecutionStatus(b -> b.deploymentId("d-NOPE")
                    .lifecycleEventHookExecutionId("x").status("Succeeded")))
                    .isInstanceOf(DeploymentDoesNotExistException.class);
        }
    }
}
