package dev.samstage.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.deploy.DeployResult.Outcome;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.stage.PendingChangeSet;
import dev.samstage.testing.SamTemplate;
import dev.samstage.testing.aws.LocalAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Stack;

class StageDeployerTest {

    @RegisterExtension
    final LocalAwsStage stage = new LocalAwsStage();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void firstDeployCreatesTheStackStreamsItsEventsAndWritesOutputs() throws Exception {
        DeployResult result = stage.deployer().deploy(stage.request(LocalAwsStage.dev().build(), stage.template(Templates.topic("v1"))));

        assertThat(result.primary().outcome()).isEqualTo(Outcome.CREATED);
        // deployed to an emulator, the suite calls the emulator's data plane for the API; the output keeps AWS's URL
        assertThat(result.primary().endpoint()).contains(LocalAws.get().endpoint() + "/restapis/abc123defg/dev/_user_request_");
        assertThat(stage.messages()).contains(
                "Assumed arn:aws:iam::111111111111:role/orders-us-east-1-DeploymentRole as session orders-build-1.",
                "Stack orders-dev in us-east-1 is CREATE_COMPLETE.");
        assertThat(stage.events).filteredOn(e -> e instanceof StackEventLine).extracting(e -> (StackEventLine) e)
                .extracting(StackEventLine::status, StackEventLine::logicalId)
                .containsSubsequence(
                        org.assertj.core.groups.Tuple.tuple("CREATE_IN_PROGRESS", "orders-dev"),
                        org.assertj.core.groups.Tuple.tuple("CREATE_IN_PROGRESS", "Topic"),
                        org.assertj.core.groups.Tuple.tuple("CREATE_COMPLETE", "Topic"),
                        org.assertj.core.groups.Tuple.tuple("CREATE_COMPLETE", "orders-dev"));
        assertThat(stage.messages()).anySatisfy(m -> assertThat(m).matches("  Action +Logical id +Type +Replacement"))
                .anySatisfy(m -> assertThat(m).matches("  Add +Topic +AWS::SNS::Topic +-"));

        JsonNode outputs = json.readTree(stage.file("outputs.json"));
        assertThat(outputs.get("stage").asText()).isEqualTo("dev");
        assertThat(outputs.get("stackName").asText()).isEqualTo("orders-dev");
        assertThat(outputs.get("region").asText()).isEqualTo("us-east-1");
        assertThat(outputs.get("endpoint").asText()).isEqualTo(LocalAws.get().endpoint() + "/restapis/abc123defg/dev/_user_request_");
        assertThat(outputs.get("outputs").get("ApiUrl").asText()).isEqualTo("https://abc123defg.execute-api.us-east-1.amazonaws.com/dev");
        assertThat(outputs.get("outputs").get("TopicArn").asText()).startsWith("arn:aws:sns:us-east-1:111111111111:");
        JsonNode changeSet = json.readTree(stage.file("change-set.json"));
        assertThat(changeSet.get("changes").get(0).get("logicalId").asText()).isEqualTo("Topic");
        assertThat(changeSet.get("templateSha256").asText()).hasSize(64);
    }

    @Test
    void updateExecutesAChangeSetOfTheDifferences() throws Exception {
        StageDeployer deployer = stage.deployer();
        deployer.deploy(stage.request(LocalAwsStage.dev().build(), stage.template(Templates.topic("v1"))));
        DeployResult result = deployer.deploy(stage.request(LocalAwsStage.dev().build(),
                stage.template(Templates.topic("v2", "Queue:\n  Type: AWS::SQS::Queue\n", 0))));

        assertThat(result.primary().outcome()).isEqualTo(Outcome.UPDATED);
        JsonNode changes = json.readTree(stage.file("change-set.json")).get("changes");
        assertThat(changes.findValuesAsText("logicalId")).containsExactlyInAnyOrder("Topic", "Queue");
        assertThat(changes.findValuesAsText("action")).containsExactlyInAnyOrder("Modify", "Add");
        assertThat(stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-dev")).map(Stack::stackStatusAsString).contains("UPDATE_COMPLETE");
    }

    @Test
    void anEmptyChangeSetIsASuccessThatStillWritesOutputsAndLeavesNoChangeSet() throws Exception {
        StageDeployer deployer = stage.deployer();
        Environment env = LocalAwsStage.dev().parameterOverrides(Map.of("Stage", "dev")).build();
        deployer.deploy(stage.request(env, stage.template(Templates.topic("v1"))));
        Files.delete(stage.dir.resolve("out/outputs.json"));

        DeployResult result = deployer.deploy(stage.request(env, stage.template(Templates.topic("v1"))));

        assertThat(result.primary().outcome()).isEqualTo(Outcome.NO_CHANGES);
        assertThat(result.primary().changeSetId()).isEmpty();
        assertThat(stage.messages()).contains("No changes to stack orders-dev in us-east-1; nothing to execute.");
        assertThat(json.readTree(stage.file("outputs.json")).get("outputs").get("TopicArn").asText()).contains(":111111111111:");
        try (AwsClientFactory dev = stage.account(LocalAwsStage.DEV, "us-east-1"); CloudFormationClient cfn = dev.cloudFormation()) {
            assertThat(cfn.listChangeSets(r -> r.stackName("orders-dev")).summaries())
                    .extracting(cs -> cs.statusAsString()).doesNotContain("FAILED");
        }
    }

    @Test
    void anEmptyChangeSetFailsWhenAskedTo() {
        StageDeployer deployer = stage.deployer();
        deployer.deploy(stage.request(LocalAwsStage.dev().build(), stage.template(Templates.topic("v1"))));
        DeployRequest again = new DeployRequest(LocalAwsStage.dev().build(), "orders", stage.template(Templates.topic("v1")),
                Optional.empty(), stage.dir.resolve("out"), Optional.empty(), true, Map.of());
        assertThatThrownBy(() -> deployer.deploy(again))
                .isInstanceOf(DeployException.class)
                .hasMessage("No changes to deploy to stack orders-dev in us-east-1 and -Dsamstage.failOnEmptyChangeSet=true; "
                        + "change the template or parameters, or drop the flag.");
    }

    @Test
    void approvalGateStopsAfterTheChangeSetAndExecutesExactlyTheReviewedOne() throws Exception {
        Environment gated = LocalAwsStage.dev().requiresApproval(true).build();
        Path template = stage.template(Templates.topic("v1"));
        StageDeployer deployer = stage.deployer();

        DeployResult pending = deployer.deploy(stage.request(gated, template));

        assertThat(pending.awaitingApproval()).isTrue();
        String id = pending.primary().changeSetId().orElseThrow();
        assertThat(stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-dev")).map(Stack::stackStatusAsString).contains("REVIEW_IN_PROGRESS");
        assertThat(stage.dir.resolve("out/outputs.json")).doesNotExist();
        assertThat(json.readTree(stage.file("change-set.json")).get("changeSetId").asText()).isEqualTo(id);
        assertThat(stage.messages()).contains("Stage dev requires approval: review change-set.json in " + stage.dir.resolve("out")
                + ", then run the deploy again with -Dsamstage.changeSet=" + id + " to execute exactly that change set.");

        Path edited = stage.template(Templates.topic("v1-edited"));
        assertThatThrownBy(() -> deployer.deploy(withChangeSet(gated, edited, id)))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("The packaged template " + edited + " (sha256 ")
                .hasMessageContaining("is not the one reviewed in change set " + id);

        DeployResult executed = deployer.deploy(withChangeSet(gated, template, id));
        assertThat(executed.primary().outcome()).isEqualTo(Outcome.CREATED);
        assertThat(executed.primary().changeSetId()).contains(id);
        assertThat(json.readTree(stage.file("outputs.json")).get("stackName").asText()).isEqualTo("orders-dev");

        assertThatThrownBy(() -> deployer.deploy(withChangeSet(gated, template, id)))
                .hasMessage("Change set " + id + " can no longer be executed (status CREATE_COMPLETE, execution status "
                        + "EXECUTE_COMPLETE); run the deploy without -Dsamstage.changeSet to create a new change set and review it.");
    }

    @Test
    void stoppingForApprovalLeavesTheChangeSetIdAndSummaryForTheNextStepAndExecutingRemovesThem() throws Exception {
        Environment gated = LocalAwsStage.dev().requiresApproval(true).build();
        Path template = stage.template(Templates.topic("v1"));
        StageDeployer deployer = stage.deployer();

        String id = deployer.deploy(stage.request(gated, template)).primary().changeSetId().orElseThrow();

        assertThat(Files.readString(stage.dir.resolve("out/change-set-id"))).isEqualTo(id + "\n");
        Optional<PendingChangeSet> pending = PendingChangeSet.read(stage.dir.resolve("out"));
        assertThat(pending).map(PendingChangeSet::propertyValue).contains(id);
        assertThat(pending.orElseThrow().summary()).startsWith("Stage dev: stack orders-dev in us-east-1, ")
                .contains("Add ");
        // what the pipeline's execute action does with it: execute exactly that change set
        DeployResult executed = deployer.deploy(withChangeSet(gated, template, pending.orElseThrow().propertyValue()));
        assertThat(executed.primary().changeSetId()).contains(id);
        assertThat(stage.dir.resolve("out/change-set-id")).doesNotExist();
        assertThat(stage.dir.resolve("out/change-set-summary.txt")).doesNotExist();
        assertThat(PendingChangeSet.read(stage.dir.resolve("out"))).isEmpty();
    }

    private DeployRequest withChangeSet(Environment env, Path template, String id) {
        return new DeployRequest(env, "orders", template, Optional.empty(), stage.dir.resolve("out"), Optional.of(id), false, Map.of());
    }

    @Test
    void aFailedFirstCreateNamesTheRootCauseAndTheNextDeployRecreatesTheStack() {
        StageDeployer deployer = stage.deployer();
        Path broken = stage.template(Templates.topic("v1", Templates.failing("Orders", "Resource handler returned message: quota exceeded"), 0));

        StackFailedException failure = catchThrowableOfType(StackFailedException.class,
                () -> deployer.deploy(stage.request(LocalAwsStage.dev().build(), broken)));

        assertThat(failure.finalStatus()).isEqualTo("ROLLBACK_COMPLETE");
        assertThat(failure).hasMessage("Stack orders-dev in us-east-1 ended in ROLLBACK_COMPLETE: Orders (AWS::SQS::Queue) "
                + "CREATE_FAILED: Resource handler returned message: quota exceeded; the next deploy deletes the stack and "
                + "creates it again. Fix the cause and deploy again.");
        assertThat(stage.events).filteredOn(e -> e.severity() == StageEvent.Severity.ERROR).extracting(StageEvent::message)
                .anySatisfy(m -> assertThat(m).contains("CREATE_FAILED").contains("AWS::SQS::Queue").contains("quota exceeded"))
                .contains("Root cause: Orders (AWS::SQS::Queue) CREATE_FAILED: Resource handler returned message: quota exceeded");
        assertThat(stage.dir.resolve("out/outputs.json")).doesNotExist();

        DeployResult fixed = deployer.deploy(stage.request(LocalAwsStage.dev().build(), stage.template(Templates.topic("v1"))));

        assertThat(fixed.primary().outcome()).isEqualTo(Outcome.CREATED);
        assertThat(stage.messages()).contains(
                "Stack orders-dev in us-east-1 is ROLLBACK_COMPLETE after a failed first create and cannot be updated; "
                        + "deleting it and creating it again.",
                "Deleted stack orders-dev in us-east-1; creating it again.");
    }

    @Test
    void aFailedUpdateRollsBackAndKeepsThePreviousVersion() {
        StageDeployer deployer = stage.deployer();
        deployer.deploy(stage.request(LocalAwsStage.dev().build(), stage.template(Templates.topic("v1"))));
        Path broken = stage.template(Templates.topic("v2", Templates.failing("Audit", "Invalid request provided: bad policy"), 1));

        assertThatThrownBy(() -> deployer.deploy(stage.request(LocalAwsStage.dev().build(), broken)))
                .isInstanceOf(StackFailedException.class)
                .hasMessage("Stack orders-dev in us-east-1 ended in UPDATE_ROLLBACK_COMPLETE: Audit (AWS::SQS::Queue) "
                        + "CREATE_FAILED: Invalid request provided: bad policy; the previous version is still in place. "
                        + "Fix the cause and deploy again.");
        Stack stack = stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-dev").orElseThrow();
        assertThat(stack.stackStatusAsString()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(stack.outputs()).extracting(o -> o.outputKey()).contains("TopicArn");

        DeployResult next = deployer.deploy(stage.request(LocalAwsStage.dev().build(), stage.template(Templates.topic("v3"))));
        assertThat(next.primary().outcome()).isEqualTo(Outcome.UPDATED);
    }

    @Test
    void waitsForAStackBusyWithAnotherOperationAndFinishesSoonAfterItsOwnEnds() throws Exception {
        StageDeployer deployer = stage.deployer();
        deployer.deploy(stage.request(LocalAwsStage.dev().build(), stage.template(Templates.topic("v1"))));
        try (AwsClientFactory dev = stage.account(LocalAwsStage.DEV, "us-east-1"); CloudFormationClient cfn = dev.cloudFormation()) {
            String other = cfn.createChangeSet(r -> r.stackName("orders-dev").changeSetName("someone-else")
                    .changeSetType(ChangeSetType.UPDATE).templateBody(Templates.topic("other", "", 2))).id();
            cfn.executeChangeSet(r -> r.changeSetName(other));
        }

        DeployResult result = deployer.deploy(stage.request(LocalAwsStage.dev().build(), stage.template(Templates.topic("v2", "", 2))));
        Instant returned = Instant.now();

        assertThat(result.primary().outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(stage.messages()).contains("Stack orders-dev in us-east-1 is UPDATE_IN_PROGRESS (another operation); "
                + "waiting up to 30 min for it to finish.");
        StackEventLine last = stage.events.stream().filter(e -> e instanceof StackEventLine).map(e -> (StackEventLine) e)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(last.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(Duration.between(last.time(), returned)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aMissingRequiredParameterStopsBeforeAnyChangeSet() {
        String template = Templates.topic("v1").replace("Parameters:\n", "Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n");
        assertThatThrownBy(() -> stage.deployer().deploy(stage.request(LocalAwsStage.dev().build(), stage.template(template))))
                .isInstanceOf(DeployException.class)
                .hasMessage("Template parameter DbPassword of stack orders-dev has no Default and no value; nothing was "
                        + "deployed. Give it in <parameterOverrides>, -Dsamstage.parameterOverrides=DbPassword=<value>, "
                        + "or the template configuration file.");
        assertThat(stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-dev")).isEmpty();
    }

    @Test
    void passesDeclaredParametersAndTagsFromTheTemplateConfigurationUnderTheOverrides() throws Exception {
        Path config = stage.dir.resolve("prod-config.json");
        Files.writeString(config, """
                {"Parameters": {"Stage": "from-file", "Unknown": "x"}, "Tags": {"team": "payments", "cost": "1"},
                 "StackPolicy": {"Statement": [{"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"}]}}
                """);
        Environment env = LocalAwsStage.dev().templateConfiguration(config).tags(Map.of("cost", "2")).build();
        DeployRequest request = new DeployRequest(env, "orders", stage.template(Templates.topic("v1")), Optional.empty(),
                stage.dir.resolve("out"), Optional.empty(), false, Map.of("commit", "abc123"));

        DeployResult result = stage.deployer().deploy(request);

        assertThat(result.primary().endpoint()).contains(LocalAws.get().endpoint() + "/restapis/abc123defg/from-file/_user_request_");
        Stack stack = stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-dev").orElseThrow();
        assertThat(stack.tags()).filteredOn(t -> !t.key().equals(DeploymentDigest.TAG)).extracting(t -> t.key() + "=" + t.value())
                .containsExactlyInAnyOrder("team=payments", "cost=2", "commit=abc123");
        assertThat(stage.messages()).contains("Parameter Unknown is not declared by the template; its value is not passed.");
        try (AwsClientFactory dev = stage.account(LocalAwsStage.DEV, "us-east-1"); CloudFormationClient cfn = dev.cloudFormation()) {
            assertThat(cfn.getStackPolicy(r -> r.stackName("orders-dev")).stackPolicyBody()).contains("Update:*");
        }
    }

    @Test
    void deploysIntoTheStageAccountOnly() {
        Environment prod = Environment.builder("prod").accountId(LocalAwsStage.PROD).regions(List.of("us-east-1"))
                .stackName("orders-prod").production(true).build();
        stage.deployer().deploy(stage.request(prod, stage.template(Templates.topic("v1"))));

        assertThat(stage.stack(LocalAwsStage.PROD, "us-east-1", "orders-prod")).isPresent();
        assertThat(stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-prod")).isEmpty();
        assertThat(stage.messages()).contains(
                "Assumed arn:aws:iam::222222222222:role/orders-us-east-1-DeploymentRole as session orders-build-1.");
    }

    @Test
    void deploysToSeveralRegionsInParallelAndWritesOutputsPerRegion() throws Exception {
        Environment twoRegions = LocalAwsStage.dev().regions(List.of("us-east-1", "eu-west-1")).bucket("artifacts-use1")
                .regionBuckets(Map.of("eu-west-1", "artifacts-euw1")).build();

        DeployResult result = stage.deployer().deploy(stage.request(twoRegions, stage.template(Templates.topic("v1", "", 1))));

        assertThat(result.regions()).extracting(DeployResult.RegionResult::region).containsExactly("us-east-1", "eu-west-1");
        assertThat(result.regions()).extracting(DeployResult.RegionResult::outcome).containsOnly(Outcome.CREATED);
        assertThat(stage.stack(LocalAwsStage.DEV, "eu-west-1", "orders-dev")).isPresent();
        assertThat(stage.stack(LocalAwsStage.DEV, "us-east-1", "orders-dev")).isPresent();
        JsonNode outputs = json.readTree(stage.file("outputs.json"));
        assertThat(outputs.get("stage").asText()).isEqualTo("dev");
        assertThat(outputs.get("regions").get("eu-west-1").get("endpoint").asText())
                .isEqualTo(LocalAws.get().endpoint() + "/restapis/abc123defg/dev/_user_request_");
        assertThat(outputs.get("regions").get("us-east-1").get("outputs").get("TopicArn").asText()).contains(":us-east-1:");
        assertThat(stage.events).filteredOn(e -> e instanceof StackEventLine).extracting(e -> ((StackEventLine) e).region())
                .contains("us-east-1", "eu-west-1");
    }

    @Test
    void reportsATemplateTheServiceRejectsWithoutExecutingAnything() {
        Path invalid = stage.template(
                SamTemplate.sam().resource("Fn", "AWS::Serverless::Function", "Handler: app.Handler::handleRequest").yaml());
        assertThatThrownBy(() -> stage.deployer().deploy(stage.request(LocalAwsStage.dev().build(), invalid)))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("CloudFormation rejected the change set for stack orders-dev in us-east-1: "
                        + "Transform AWS::Serverless-2016-10-31 failed with: ")
                .hasMessageEndingWith("; nothing was executed. Fix the template or its parameters.");
    }

    @Test
    void aRedeployWithNothingChangedTakesAHandfulOfCallsAndExecutesNothing() {
        Environment env = LocalAwsStage.dev().build();
        stage.deployer().deploy(stage.request(env, stage.template(Templates.topic("v1"))));
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AwsClientFactory counted = stage.recordingCalls(calls)) {
            DeployResult result = new StageDeployer(counted, stage.events::add).deploy(stage.request(env, stage.template(Templates.topic("v1"))));
            assertThat(result.primary().outcome()).isEqualTo(Outcome.NO_CHANGES);
        }
        assertThat(calls).containsExactly("Sts.AssumeRole", "CloudFormation.DescribeStacks");
    }

    @Test
    void approvalAcrossRegionsExecutesEachRegionsReviewedChangeSet() {
        Environment gated = LocalAwsStage.dev().regions(List.of("us-east-1", "eu-west-1")).requiresApproval(true).build();
        Path template = stage.template(Templates.topic("v1"));
        StageDeployer deployer = stage.deployer();

        DeployResult pending = deployer.deploy(stage.request(gated, template));
        List<String> ids = pending.regions().stream().map(r -> r.changeSetId().orElseThrow()).toList();
        assertThat(ids).satisfiesExactly(
                id -> assertThat(id).startsWith("arn:aws:cloudformation:us-east-1:111111111111:changeSet/"),
                id -> assertThat(id).startsWith("arn:aws:cloudformation:eu-west-1:111111111111:changeSet/"));
        assertThat(stage.messages()).anySatisfy(m -> assertThat(m).endsWith("-Dsamstage.changeSet=" + String.join(",", ids)
                + " to execute exactly that change set."));

        assertThatThrownBy(() -> deployer.deploy(withChangeSet(gated, template, ids.get(1))))
                .hasMessage("-Dsamstage.changeSet names no change set for us-east-1; pass the reviewed change set ARN of "
                        + "every region, separated by commas.");
        DeployResult executed = deployer.deploy(withChangeSet(gated, template, String.join(",", ids)));
        assertThat(executed.regions()).extracting(DeployResult.RegionResult::changeSetId)
                .containsExactly(Optional.of(ids.get(0)), Optional.of(ids.get(1)));
        assertThat(executed.regions()).extracting(DeployResult.RegionResult::outcome).containsOnly(Outcome.CREATED);
    }
}
