package dev.samstage.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.deploy.DeployResult.Outcome;
import dev.samstage.testing.aws.LocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * A redeploy of what the stack already runs needs no change set: the deployment digest on the
 * stack (a tag the last executed change set set) says so after one DescribeStacks, unless
 * CloudFormation would look something up again or the stack did not end in success.
 */
class NoOpRedeployTest {

    @RegisterExtension
    final LocalAwsStage stage = new LocalAwsStage();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aSecondIdenticalDeployReportsNoChangesAfterOneDescribeStacksAndStillWritesOutputs() throws Exception {
        Environment env = LocalAwsStage.dev().tags(Map.of("team", "orders")).build();
        stage.deployer().deploy(stage.request(env, stage.template(Templates.topic("v1"))));
        Files.delete(stage.dir.resolve("out/outputs.json"));

        DeployResult result = countedDeploy(env, stage.template(Templates.topic("v1")));

        assertThat(cloudFormationCalls()).containsExactly("DescribeStacks");
        assertThat(calls).containsExactly("Sts.AssumeRole", "CloudFormation.DescribeStacks");
        assertThat(result.primary().outcome()).isEqualTo(Outcome.NO_CHANGES);
        assertThat(result.primary().changeSetId()).isEmpty();
        assertThat(stage.messages()).contains("No changes to stack orders-dev in us-east-1; nothing to execute.");
        JsonNode outputs = json.readTree(stage.file("outputs.json"));
        assertThat(outputs.get("endpoint").asText()).isEqualTo(LocalAws.get().endpoint() + "/restapis/abc123defg/dev/_user_request_");
        assertThat(outputs.get("outputs").get("TopicArn").asText()).startsWith("arn:aws:sns:us-east-1:111111111111:");
    }

    @Test
    void theExecutedChangeSetLeavesTheDeploymentDigestOnTheStackBesideTheStagesTags() {
        Environment env = LocalAwsStage.dev().tags(Map.of("team", "orders")).build();
        stage.deployer().deploy(stage.request(env, stage.template(Templates.topic("v1"))));

        Stack stack = stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-dev").orElseThrow();
        assertThat(stack.tags()).extracting(t -> t.key()).containsExactlyInAnyOrder("team", DeploymentDigest.TAG);
        assertThat(DeploymentDigest.on(stack)).hasValueSatisfying(d -> assertThat(d).matches("[0-9a-f]{64}"));
    }

    static Stream<Arguments> changes() {
        Function<Environment.Builder, Environment.Builder> same = b -> b;
        return Stream.of(
                Arguments.of("the template", Templates.topic("v2"), same),
                Arguments.of("a parameter", Templates.topic("v1"),
                        (Function<Environment.Builder, Environment.Builder>) b -> b.parameterOverrides(Map.of("Stage", "qa"))),
                Arguments.of("a tag", Templates.topic("v1"),
                        (Function<Environment.Builder, Environment.Builder>) b -> b.tags(Map.of("team", "payments"))));
    }

    @ParameterizedTest(name = "a change of {0}")
    @MethodSource("changes")
    void anyChangeCreatesAndExecutesAChangeSet(String what, String template,
                                               Function<Environment.Builder, Environment.Builder> change) {
        Environment env = LocalAwsStage.dev().tags(Map.of("team", "orders")).build();
        stage.deployer().deploy(stage.request(env, stage.template(Templates.topic("v1"))));
        String before = DeploymentDigest.on(stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-dev").orElseThrow()).orElseThrow();

        DeployResult result = countedDeploy(change.apply(LocalAwsStage.dev().tags(Map.of("team", "orders"))).build(),
                stage.template(template));

        assertThat(result.primary().outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(cloudFormationCalls()).contains("CreateChangeSet", "ExecuteChangeSet");
        assertThat(DeploymentDigest.on(stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-dev").orElseThrow()))
                .isPresent().get().isNotEqualTo(before);
    }

    @Test
    void aTemplateWithADynamicReferenceIsNeverSkippedAndTheLogSaysWhy() {
        String template = Templates.topic("v1").replace("DisplayName: v1", "DisplayName: '{{resolve:ssm:/orders/display-name}}'");
        Environment env = LocalAwsStage.dev().build();
        stage.deployer().deploy(stage.request(env, stage.template(template)));

        DeployResult result = countedDeploy(env, stage.template(template));

        assertThat(result.primary().outcome()).isEqualTo(Outcome.NO_CHANGES);
        assertThat(cloudFormationCalls()).contains("CreateChangeSet", "DeleteChangeSet").doesNotContain("ExecuteChangeSet");
        assertThat(stage.messages()).contains("Stack orders-dev in us-east-1 was deployed with the same inputs, but the "
                + "template has dynamic references ({{resolve:...}}), which CloudFormation resolves again at each deployment; "
                + "creating a change set to find out what changed.");
    }

    @Test
    void aTemplateWithAnSsmParameterTypeIsNeverSkippedAndTheLogSaysWhy() throws Exception {
        putSsmParameter(LocalAwsStage.DEV, "/orders/display-name", "Orders");
        String template = Templates.topic("v1")
                .replace("Parameters:\n", "Parameters:\n  DisplayName:\n    Type: AWS::SSM::Parameter::Value<String>\n"
                        + "    Default: /orders/display-name\n")
                .replace("DisplayName: v1", "DisplayName: !Ref DisplayName");
        // given each time: the local AWS lists an SSM parameter's resolved value where AWS lists its name
        Environment env = LocalAwsStage.dev().parameterOverrides(Map.of("DisplayName", "/orders/display-name")).build();
        stage.deployer().deploy(stage.request(env, stage.template(template)));

        DeployResult result = countedDeploy(env, stage.template(template));

        assertThat(result.primary().outcome()).isEqualTo(Outcome.NO_CHANGES);
        assertThat(cloudFormationCalls()).contains("CreateChangeSet");
        assertThat(stage.messages()).contains("Stack orders-dev in us-east-1 was deployed with the same inputs, but the "
                + "template has an SSM parameter type (DisplayName), which CloudFormation resolves again at each deployment; "
                + "creating a change set to find out what changed.");
    }

    @Test
    void aNoEchoParameterGivenAValueIsNeverSkippedAndItsValueStaysOutOfTheDigest() {
        String template = Templates.topic("v1").replace("Parameters:\n", "Parameters:\n  DbPassword:\n    Type: String\n"
                + "    NoEcho: true\n");
        Environment first = LocalAwsStage.dev().parameterOverrides(Map.of("DbPassword", "first-secret")).build();
        stage.deployer().deploy(stage.request(first, stage.template(template)));
        String digest = DeploymentDigest.on(stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-dev").orElseThrow()).orElseThrow();

        DeployResult result = countedDeploy(LocalAwsStage.dev().parameterOverrides(Map.of("DbPassword", "second-secret")).build(),
                stage.template(template));

        assertThat(cloudFormationCalls()).contains("CreateChangeSet");
        assertThat(stage.messages()).contains("Stack orders-dev in us-east-1 was deployed with the same inputs, but NoEcho "
                + "parameter DbPassword is given a value the stack does not show; creating a change set to find out what changed.");
        assertThat(result.primary().outcome()).isEqualTo(Outcome.UPDATED);
        // the digest is of the inputs with the secret replaced: the same for either value
        assertThat(DeploymentDigest.on(stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-dev").orElseThrow())).contains(digest);
    }

    @Test
    void aStackThatRolledBackIsNotSkippedEvenWithAMatchingDigest() {
        Environment env = LocalAwsStage.dev().build();
        StageDeployer deployer = stage.deployer();
        deployer.deploy(stage.request(env, stage.template(Templates.topic("v1"))));
        Path broken = stage.template(Templates.topic("v2", Templates.failing("Audit", "Invalid request provided: bad policy"), 0));
        assertThatThrownBy(() -> deployer.deploy(stage.request(env, broken))).isInstanceOf(StackFailedException.class);
        Stack rolledBack = stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-dev").orElseThrow();
        assertThat(rolledBack.stackStatusAsString()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");

        DeployResult result = countedDeploy(env, stage.template(Templates.topic("v1")));

        // the rollback restored v1 and its tags: the digest matches, yet only a change set can tell
        assertThat(cloudFormationCalls()).contains("CreateChangeSet");
        assertThat(result.primary().outcome()).isEqualTo(Outcome.NO_CHANGES);
    }

    @Test
    void failOnEmptyChangeSetStillFailsWhenTheDigestSaysNothingChanged() {
        Environment env = LocalAwsStage.dev().build();
        stage.deployer().deploy(stage.request(env, stage.template(Templates.topic("v1"))));
        DeployRequest again = new DeployRequest(env, "orders", stage.template(Templates.topic("v1")), Optional.empty(),
                stage.dir.resolve("out"), Optional.empty(), true, Map.of());

        assertThatThrownBy(() -> stage.deployer().deploy(again))
                .hasMessage("No changes to deploy to stack orders-dev in us-east-1 and -Dsamstage.failOnEmptyChangeSet=true; "
                        + "change the template or parameters, or drop the flag.");
    }

    private DeployResult countedDeploy(Environment env, Path template) {
        try (AwsClientFactory counted = stage.recordingCalls(calls)) {
            return new StageDeployer(counted, stage.events::add)
                    .withEnvironmentVariables(Map.of("CODEBUILD_BUILD_ID", "orders:build-2"))
                    .deploy(stage.request(env, template));
        }
    }

    private List<String> cloudFormationCalls() {
        return calls.stream().filter(c -> c.startsWith("CloudFormation.")).map(c -> c.substring("CloudFormation.".length()))
                .toList();
    }

    /** SSM PutParameter in {@code account}, over the local AWS's JSON protocol (the SDK's SSM module is not a dependency). */
    private void putSsmParameter(String account, String name, String value) throws Exception {
        String accessKey;
        try (AwsClientFactory clients = stage.account(account, "us-east-1")) {
            accessKey = clients.credentials().resolveCredentials().accessKeyId();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(LocalAws.get().endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonSSM.PutParameter")
                // the local AWS reads the account from the access key and the service from the scope; it checks no signature
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey
                        + "/20260101/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                        Map.of("Name", name, "Value", value, "Type", "String"))))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
