package dev.samstage.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.testing.aws.LocalAws;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.iam.IamClient;

/** Product-wide approvals through CodePipeline's approval API (moto plus the compat layer). */
class ProductReleaseTest {

    private AwsClientFactory clients;
    private CodePipelineClient codePipeline;
    private ProductRelease product;

    @BeforeEach
    void threeServicePipelinesAwaitingApprovalOfStaging() {
        LocalAws aws = LocalAws.get();
        aws.reset();
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY));
        clients = AwsClientFactory.create("eu-west-1", creds, aws.endpoint());
        String roleArn;
        try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(creds)
                .endpointOverride(aws.endpoint()).build()) {
            roleArn = iam.createRole(b -> b.roleName("pipeline-role").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"Service\":\"codepipeline.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        }
        codePipeline = clients.codePipeline();
        for (String service : List.of("shop-orders", "shop-payments", "shop-catalog", "other-billing")) {
            createPipeline(service, roleArn);
            codePipeline.startPipelineExecution(b -> b.name(service));
        }
        product = new ProductRelease(codePipeline, event -> { });
    }

    @AfterEach
    void close() {
        codePipeline.close();
        clients.close();
    }

    private void createPipeline(String name, String roleArn) {
        ActionDeclaration source = ActionDeclaration.builder().name("Source").runOrder(1)
                .actionTypeId(t -> t.category("Source").owner("AWS").provider("S3").version("1"))
                .configuration(Map.of("S3Bucket", "sources", "S3ObjectKey", name + ".zip"))
                .outputArtifacts(a -> a.name("SourceOutput")).build();
        codePipeline.createPipeline(b -> b.pipeline(p -> p.name(name).roleArn(roleArn)
                .artifactStore(s -> s.type("S3").location("artifacts"))
                .stages(StageDeclaration.builder().name("Source").actions(source).build(),
                        stage("dev", false), stage("staging", true), stage("prod", true))));
    }

    private static StageDeclaration stage(String env, boolean approval) {
        ActionDeclaration deploy = build("CreateChangeSet-" + env, 1);
        if (!approval) {
            return StageDeclaration.builder().name(env).actions(deploy).build();
        }
        ActionDeclaration approve = ActionDeclaration.builder().name(ProductRelease.approvalAction(env)).runOrder(2)
                .actionTypeId(t -> t.category("Approval").owner("AWS").provider("Manual").version("1")).build();
        return StageDeclaration.builder().name(env).actions(deploy, approve, build("Execute-" + env, 3)).build();
    }

    private static ActionDeclaration build(String name, int runOrder) {
        return ActionDeclaration.builder().name(name).runOrder(runOrder)
                .actionTypeId(t -> t.category("Build").owner("AWS").provider("CodeBuild").version("1"))
                .configuration(Map.of("ProjectName", name)).inputArtifacts(a -> a.name("SourceOutput")).build();
    }

    /** e.g. {@code Approve-staging=Succeeded, Approve-prod=InProgress}. */
    private String approvals(String pipeline) {
        return codePipeline.getPipelineState(b -> b.name(pipeline)).stageStates().stream()
                .flatMap(s -> s.actionStates().stream())
                .filter(a -> a.actionName().startsWith("Approve-"))
                .map(a -> a.actionName() + "=" + (a.latestExecution() == null ? "-" : a.latestExecution().statusAsString()))
                .collect(Collectors.joining(", "));
    }

    @Test
    void approvingAStageApprovesItInEveryServicePipelineOfTheProductAndNoOther() {
        List<PipelineApproval> results = product.approve("shop-", "staging", Set.of(), "carol", "release 42");

        assertThat(results).extracting(PipelineApproval::pipeline, PipelineApproval::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("shop-catalog", PipelineApproval.Outcome.APPROVED),
                org.assertj.core.groups.Tuple.tuple("shop-orders", PipelineApproval.Outcome.APPROVED),
                org.assertj.core.groups.Tuple.tuple("shop-payments", PipelineApproval.Outcome.APPROVED));
        for (String service : List.of("shop-catalog", "shop-orders", "shop-payments")) {
            // the execution resumed through staging and now waits at the production approval
            assertThat(approvals(service)).isEqualTo("Approve-staging=Succeeded, Approve-prod=InProgress");
        }
        assertThat(approvals("other-billing")).isEqualTo("Approve-staging=InProgress, Approve-prod=-");
        ActionState approval = codePipeline.getPipelineState(b -> b.name("shop-orders")).stageStates().get(2)
                .actionStates().get(1);
        assertThat(approval.latestExecution().summary()).isEqualTo("carol: release 42");
    }

    @Test
    void aRejectionStaysWithTheServicesItNames() {
        List<PipelineApproval> results = product.reject("shop-", "staging", Set.of("shop-payments"), "dave", "refunds fail");

        assertThat(results).extracting(PipelineApproval::pipeline, PipelineApproval::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shop-payments", PipelineApproval.Outcome.REJECTED));
        assertThat(approvals("shop-payments")).isEqualTo("Approve-staging=Failed, Approve-prod=-");
        assertThat(approvals("shop-orders")).isEqualTo("Approve-staging=InProgress, Approve-prod=-");
        assertThat(approvals("shop-catalog")).isEqualTo("Approve-staging=InProgress, Approve-prod=-");
    }

    @Test
    void approvingIsAllOrNothingWhenAServiceHasNoPendingApproval() {
        product.reject("shop-", "staging", Set.of("shop-payments"), "dave", "refunds fail");

        assertThatThrownBy(() -> product.approve("shop-", "staging", Set.of(), "carol", "release 42"))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("shop-payments has no pending Approve-staging approval");
        assertThat(approvals("shop-orders")).isEqualTo("Approve-staging=InProgress, Approve-prod=-");
        assertThat(approvals("shop-catalog")).isEqualTo("Approve-staging=InProgress, Approve-prod=-");
    }

    @Test
    void badProductRequestsAreRefusedWithoutTouchingAnyApproval() {
        assertThatThrownBy(() -> product.approve("nope-", "staging", Set.of(), "carol", ""))
                .hasMessageContaining("No pipeline name starts with product prefix 'nope-'");
        assertThatThrownBy(() -> product.reject("shop-", "staging", Set.of(), "dave", "why"))
                .hasMessageContaining("Name the services");
        assertThatThrownBy(() -> product.reject("shop-", "staging", Set.of("shop-orders"), "dave", " "))
                .hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> product.approve("shop-", "staging", Set.of("shop-basket"), "carol", ""))
                .hasMessageContaining("[shop-basket], which are not pipelines of product shop-");
        for (String service : List.of("shop-catalog", "shop-orders", "shop-payments")) {
            assertThat(approvals(service)).isEqualTo("Approve-staging=InProgress, Approve-prod=-");
        }
    }

    @Test
    void theCompatLayerRefusesDecidingAnApprovalTwiceAsCodePipelineDoes() {
        String token = codePipeline.getPipelineState(b -> b.name("shop-orders")).stageStates().get(2)
                .actionStates().get(1).latestExecution().token();
        product.approve("shop-", "staging", Set.of("shop-orders"), "carol", "");

        assertThatThrownBy(() -> codePipeline.putApprovalResult(b -> b.pipelineName("shop-orders").stageName("staging")
                .actionName("Approve-staging").token(token).result(r -> r.status("Approved").summary("again"))))
                .isInstanceOf(software.amazon.awssdk.services.codepipeline.model.ApprovalAlreadyCompletedException.class);
    }
}
