package dev.samstage.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.config.ConfigException;
import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class PipelineTemplatesTest {

    static final Environment DEV = Environment.builder("dev").accountId("111111111111").regions(List.of("eu-west-1")).build();
    static final Environment STAGING = Environment.builder("staging").accountId("222222222222")
            .regions(List.of("eu-west-1", "eu-central-1")).build();
    static final Environment PROD = Environment.builder("prod").accountId("333333333333").regions(List.of("eu-west-1"))
            .production(true).requiresApproval(true).stackName("live-orders").build();

    @TempDir
    Path out;

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("one stage from a connection", List.of(DEV), SourceKind.CONNECTION),
                Arguments.of("one stage from CodeCommit", List.of(DEV), SourceKind.CODECOMMIT),
                Arguments.of("three stages from S3", List.of(DEV, STAGING, PROD), SourceKind.S3),
                Arguments.of("three stages from a connection", List.of(DEV, STAGING, PROD), SourceKind.CONNECTION),
                Arguments.of("three stages from CodeCommit", List.of(DEV, STAGING, PROD), SourceKind.CODECOMMIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everyWrittenTemplatePassesCfnLintWithoutErrors(String title, List<Environment> envs, SourceKind source)
            throws Exception {
        List<Path> files = new PipelineTemplates(StageListener.IGNORE).write(PipelineSpec.of("orders", envs, source), out);

        int expectedRoleTemplates = (int) envs.stream().mapToLong(e -> e.regions().size()).sum();
        assertThat(files).hasSize(2 + expectedRoleTemplates);
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--regions", "eu-west-1", "--"));
        files.forEach(f -> command.add(f.toString()));
        Process lint = new ProcessBuilder(command).redirectErrorStream(true).start();
        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
        // cfn-lint exit bits: 2 errors, 4 warnings, 8 informational; anything else (1, 32) means it did not lint
        assertThat(lint.exitValue() & ~(4 | 8)).as("cfn-lint exit %d:%n%s", lint.exitValue(), report).isZero();
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, Object... path) {
        Object n = node;
        for (Object step : path) {
            n = step instanceof Integer i ? ((List<Object>) n).get(i) : ((Map<String, Object>) n).get(step);
        }
        return (T) n;
    }

    private Map<String, Object> written(String name, List<Environment> envs) throws IOException {
        new PipelineTemplates(StageListener.IGNORE).write(PipelineSpec.of("orders", envs, SourceKind.CONNECTION), out);
        return load(out.resolve(name));
    }

    @Test
    void productionApprovalSitsBetweenCreatingAndExecutingTheChangeSet() throws IOException {
        Map<String, Object> t = written("orders-pipeline.yaml", List.of(DEV, STAGING, PROD));
        List<Map<String, Object>> stages = at(t, "Resources", "Pipeline", "Properties", "Stages");

        assertThat(stages).extracting(s -> s.get("Name")).containsExactly("Source", "Build", "dev", "staging", "prod");
        List<Map<String, Object>> prod = at(stages.get(4), "Actions");
        assertThat(prod).extracting(a -> a.get("Name") + "@" + a.get("RunOrder"))
                .containsExactly("CreateChangeSet-prod@1", "Approve-prod@2", "Execute-prod@3");
        assertThat((Object) at(prod.get(1), "Configuration", "NotificationArn")).isEqualTo(Map.of("Ref", "ApprovalTopic"));
        assertThat((String) at(prod.get(2), "Configuration", "EnvironmentVariables"))
                .contains("#{ChangeSetProd.SAMSTAGE_CHANGE_SET}");
        assertThat((String) at(prod.get(1), "Configuration", "CustomData"))
                .contains("#{ChangeSetProd.SAMSTAGE_CHANGE_SET_SUMMARY}").contains("#{ChangeSetProd.SAMSTAGE_CHANGE_SET}");
        String executeSpec = at(t, "Resources", "ProdExecuteProject", "Properties", "Source", "BuildSpec", "Fn::Sub");
        assertThat(executeSpec).contains("- mvn -B samstage:deploy samstage:verify -Denv=prod"
                        + " -Dsamstage.packagedTemplate=target/samstage/dev -Dsamstage.changeSet=\"$SAMSTAGE_CHANGE_SET\"\n")
                .contains("${ProdReports.Arn}:");
        String createSpec = at(t, "Resources", "ProdChangeSetProject", "Properties", "Source", "BuildSpec", "Fn::Sub");
        assertThat(createSpec).contains("exported-variables:").contains("- mvn -B samstage:deploy -Denv=prod"
                + " -Dsamstage.packagedTemplate=target/samstage/dev -Dsamstage.requiresApproval=true\n");
    }

    @Test
    void theBuildPackagesOnceAndNoStageActionBuildsOrPackagesAgain() throws IOException {
        Map<String, Object> t = written("orders-pipeline.yaml", List.of(DEV, STAGING, PROD));
        Map<String, Object> resources = at(t, "Resources");

        String packaging = at(resources, "PackageProject", "Properties", "Source", "BuildSpec", "Fn::Sub");
        assertThat(packaging).contains("- mvn -B package-stage -Denv=dev\n");
        List<String> stageSpecs = resources.entrySet().stream()
                .filter(e -> e.getKey().matches("(Dev|Staging|Prod)(Deploy|ChangeSet|Execute)Project"))
                .map(e -> (String) at(e.getValue(), "Properties", "Source", "BuildSpec", "Fn::Sub")).toList();
        assertThat(stageSpecs).hasSize(4).allSatisfy(spec -> assertThat(spec)
                .contains("-Dsamstage.packagedTemplate=target/samstage/dev")
                .doesNotContain("package-stage").doesNotContain("deploy-stage").doesNotContain("samstage:package"));
    }

    @Test
    void productionGetsAManualApprovalByDefaultEvenWhenItDoesNotRequireOne() throws IOException {
        Environment prod = Environment.builder("prod").accountId("333333333333").regions(List.of("eu-west-1"))
                .production(true).build();
        Map<String, Object> t = written("orders-pipeline.yaml", List.of(DEV, prod));
        List<Map<String, Object>> actions = at(t, "Resources", "Pipeline", "Properties", "Stages", 3, "Actions");

        assertThat(actions).extracting(a -> a.get("Name") + "@" + a.get("RunOrder"))
                .containsExactly("CreateChangeSet-prod@1", "Approve-prod@2", "Execute-prod@3");
        assertThat((Object) at(actions.get(1), "ActionTypeId", "Category")).isEqualTo("Approval");
        assertThat((Object) at(actions.get(1), "ActionTypeId", "Provider")).isEqualTo("Manual");
    }

    @Test
    void aStageInTwoRegionsDeploysToBothInParallelAndStagesWithoutApprovalHaveNone() throws IOException {
        Map<String, Object> t = written("orders-pipeline.yaml", List.of(DEV, STAGING, PROD));
        List<Map<String, Object>> staging = at(t, "Resources", "Pipeline", "Properties", "Stages", 3, "Actions");

        assertThat(staging).extracting(a -> a.get("Name") + "@" + a.get("RunOrder"))
                .containsExactly("Deploy-staging-eu-west-1@1", "Deploy-staging-eu-central-1@1");
        String devSpec = at(t, "Resources", "DevDeployProject", "Properties", "Source", "BuildSpec", "Fn::Sub");
        assertThat(devSpec).contains("- mvn -B samstage:deploy samstage:verify -Denv=dev -Dsamstage.packagedTemplate=target/samstage/dev\n")
                .contains("${DevReports.Arn}:");
        assertThat((Object) at(t, "Resources", "Pipeline", "Properties", "ArtifactStore", "EncryptionKey", "Type")).isEqualTo("KMS");
        assertThat((Object) at(t, "Resources", "PipelineFailureRule", "Properties", "EventPattern", "detail", "state"))
                .isEqualTo(List.of("FAILED"));
        assertThat((Object) at(t, "Resources", "PipelineFailureRule", "Properties", "Targets", 0, "Arn"))
                .isEqualTo(Map.of("Ref", "FailureTopic"));
    }

    @Test
    void theDeploymentRoleTrustsTheBuildAccountAndPassesOnlyTheServicesOwnRoles() throws IOException {
        Map<String, Object> t = written("orders-deployment-role-333333333333-eu-west-1.yaml", List.of(DEV, STAGING, PROD));
        Map<String, Object> role = at(t, "Resources", "DeploymentRole", "Properties");

        assertThat(role.get("RoleName")).isEqualTo("orders-eu-west-1-DeploymentRole");
        assertThat((Object) at(role, "AssumeRolePolicyDocument", "Statement", 0, "Principal", "AWS"))
                .isEqualTo(Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::${BuildAccountId}:root"));
        List<Map<String, Object>> statements = at(role, "Policies", 0, "PolicyDocument", "Statement");
        Map<String, Object> passRole = statements.stream().filter(s -> "PassOwnRolesOnly".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(passRole.get("Resource")).isEqualTo(List.of(
                Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/orders-*"),
                Map.of("Fn::Sub", "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/live-orders-*")));
        // every statement is scoped to resources
        assertThat(statements).filteredOn(s -> "*".equals(s.get("Resource"))).isEmpty();
        Map<String, Object> stacks = statements.get(0);
        assertThat(stacks.get("Resource").toString()).contains("stack/orders-*/*").contains("stack/live-orders/*")
                .contains("transform/Serverless-2016-10-31");
        // prod's stack is named outside the project prefix: its functions and roles are named after it
        assertThat(passRole.get("Resource").toString()).contains("role/live-orders-*");
        assertThat((Object) at(t, "Resources", "ReleaseTable", "Properties", "TableName")).isEqualTo("orders-releases");
    }

    @Test
    void theBaseSharesAnEncryptedPrivateBucketWithTheStageAccountsAndKeepsOldVersionsForRollbacks() throws IOException {
        Map<String, Object> t = written("orders-pipeline-base.yaml", List.of(DEV, STAGING, PROD));
        Map<String, Object> bucket = at(t, "Resources", "ArtifactBucket", "Properties");

        assertThat((Object) at(bucket, "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault",
                "SSEAlgorithm")).isEqualTo("aws:kms");
        assertThat((Map<String, Object>) at(bucket, "PublicAccessBlockConfiguration")).containsOnlyKeys(
                "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets").doesNotContainValue(false);
        assertThat((Object) at(bucket, "LifecycleConfiguration", "Rules", 0, "NoncurrentVersionExpiration", "NoncurrentDays"))
                .isEqualTo(Map.of("Ref", "ArtifactRetentionDays"));
        assertThat((Object) at(t, "Parameters", "ArtifactRetentionDays", "Default")).isEqualTo(90);
        List<Object> stageRoots = List.of("arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root",
                "arn:aws:iam::333333333333:root");
        assertThat((Object) at(t, "Resources", "ArtifactKey", "Properties", "KeyPolicy", "Statement", 1, "Principal", "AWS"))
                .isEqualTo(stageRoots);
        assertThat((Object) at(t, "Resources", "ArtifactBucketPolicy", "Properties", "PolicyDocument", "Statement", 1, "Principal",
                "AWS")).isEqualTo(stageRoots);
    }

    @Test
    void writingTwiceGivesTheSameBytes() throws IOException {
        PipelineSpec spec = PipelineSpec.of("orders", List.of(DEV, STAGING, PROD), SourceKind.S3);
        assertThat(new PipelineTemplates(StageListener.IGNORE).render(spec))
                .isEqualTo(new PipelineTemplates(StageListener.IGNORE).render(spec));
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("an upper-case project", "Orders", List.of(DEV), 90, "Project name 'Orders' cannot name pipeline resources"),
                Arguments.of("no stage", "orders", List.of(), 90, "No <environment> declared"),
                Arguments.of("the local stage", "orders", List.of(Environment.builder("local").build()), 90,
                        "<environment> 'local' runs in-JVM and cannot be a pipeline stage"),
                Arguments.of("a stage without account", "orders",
                        List.of(Environment.builder("dev").regions(List.of("eu-west-1")).build()), 90,
                        "<environment> 'dev' has <accountId>null</accountId>"),
                Arguments.of("a stage without region", "orders",
                        List.of(Environment.builder("dev").accountId("111111111111").build()), 90,
                        "<environment> 'dev' has no valid <region>"),
                Arguments.of("a short retention", "orders", List.of(DEV), 7,
                        "Artifact retention of 7 days is too short for CloudFormation rollbacks"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void badConfigurationsAreRefusedBeforeAnythingIsWritten(String title, String project, List<Environment> envs, int days,
            String message) {
        assertThatThrownBy(() -> new PipelineSpec(project, envs, SourceKind.S3, days, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
        assertThat(out).isEmptyDirectory();
    }

    private static Map<String, Object> load(Path file) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        return t;
    }
}
