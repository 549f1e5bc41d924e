package dev.samstage.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.config.ConfigException;
import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.pipeline.PluginOperations.Role;
import dev.samstage.core.pipeline.PluginOperations.Row;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The generated roles checked statically against {@link PluginOperations}, every call made with
 * them: each is allowed on its resource, no statement is there for nothing (removing any one
 * denies a listed call), and none grants every action. The IAM-enforced run
 * ({@code dev.samstage.e2e.EnforcedRolesTest}) shows the same policies at work where the local
 * AWS checks them.
 */
class GeneratedRolePoliciesTest {

    static final Environment DEV = Environment.builder("dev").accountId("111111111111").regions(List.of("eu-west-1")).build();
    static final Environment PROD = Environment.builder("prod").accountId("333333333333").regions(List.of("eu-west-1"))
            .production(true).requiresApproval(true).build();
    static final PipelineSpec SPEC = PipelineSpec.of("orders", List.of(DEV, PROD), SourceKind.CONNECTION);

    static final Map<String, String> DEPLOYMENT_VALUES = Map.of("AWS::Partition", "aws", "AWS::Region", "eu-west-1",
            "AWS::AccountId", "333333333333", "BuildAccountId", "999999999999", "ArtifactBucket", "orders-artifacts",
            "ArtifactKeyArn", PluginOperations.KEY, "ReleaseTable.Arn", PluginOperations.LEDGER);
    static final Map<String, String> BUILD_VALUES = Map.of("AWS::Partition", "aws", "AWS::Region", "eu-west-1",
            "AWS::AccountId", "999999999999", "BaseStackName", "orders-pipeline-base",
            "orders-pipeline-base-ArtifactBucket", "orders-artifacts",
            "orders-pipeline-base-ArtifactKeyArn", PluginOperations.KEY);

    @TempDir
    Path out;

    static List<Map<String, Object>> statements(Role role, PipelineSpec spec) {
        Map<String, String> files = new PipelineTemplates(StageListener.IGNORE).render(spec);
        String file = role == Role.BUILD ? "orders-pipeline.yaml" : "orders-deployment-role-333333333333-eu-west-1.yaml";
        Object template = new Load(LoadSettings.builder().build()).loadFromString(files.get(file));
        String resource = role == Role.BUILD ? "BuildRole" : "DeploymentRole";
        return at(template, "Resources", resource, "Properties", "Policies", 0, "PolicyDocument", "Statement");
    }

    static PolicyEvaluator evaluator(Role role, List<Map<String, Object>> statements) {
        return new PolicyEvaluator(statements, role == Role.BUILD ? BUILD_VALUES : DEPLOYMENT_VALUES);
    }

    static Stream<Row> rows() {
        return PluginOperations.ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyCallMadeWithAGeneratedRoleIsAllowedOnItsResource(Row row) {
        assertThat(evaluator(row.role(), statements(row.role(), SPEC)).allows(row.action(), row.resource())).isTrue();
    }

    static Stream<Arguments> statementsOfBothRoles() {
        return Stream.of(Role.values()).flatMap(role -> {
            List<Map<String, Object>> all = statements(role, SPEC);
            return IntStream.range(0, all.size()).mapToObj(i -> Arguments.of(role,
                    all.get(i).getOrDefault("Sid", "#" + i) + " " + all.get(i).get("Action"), i));
        });
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("statementsOfBothRoles")
    void removingAnyOneStatementDeniesACallThePluginMakes(Role role, String statement, int index) {
        List<Map<String, Object>> all = new ArrayList<>(statements(role, SPEC));
        all.remove(index);
        PolicyEvaluator without = evaluator(role, all);

        assertThat(PluginOperations.ROWS).filteredOn(r -> r.role() == role)
                .anySatisfy(r -> assertThat(without.allows(r.action(), r.resource())).as(r.toString()).isFalse());
    }

    @Test
    void neitherRoleGrantsEveryActionOfAServiceOrActsOnEveryResource() {
        for (Role role : Role.values()) {
            for (Map<String, Object> s : statements(role, SPEC)) {
                assertThat(String.valueOf(s.get("Action"))).as(role + " " + s).doesNotContain(":*", "\"*\"").isNotEqualTo("*");
                assertThat(s.get("Resource")).as(role + " " + s).isNotEqualTo("*");
                assertThat(String.valueOf(s.get("Resource"))).as(role + " " + s).doesNotContain(", *,", "[*]", "[*,");
            }
        }
    }

    @Test
    void aCallOutsideTheServicesResourcesIsDenied() {
        PolicyEvaluator deployment = evaluator(Role.DEPLOYMENT, statements(Role.DEPLOYMENT, SPEC));
        assertThat(deployment.allows("lambda:UpdateFunctionCode",
                "arn:aws:lambda:eu-west-1:333333333333:function:payments-prod-Charge")).isFalse();
        assertThat(deployment.allows("iam:PassRole", "arn:aws:iam::333333333333:role/Admin")).isFalse();
        assertThat(deployment.allows("dynamodb:DeleteTable", "arn:aws:dynamodb:eu-west-1:333333333333:table/payments")).isFalse();
        PolicyEvaluator build = evaluator(Role.BUILD, statements(Role.BUILD, SPEC));
        assertThat(build.allows("s3:PutObject", "arn:aws:s3:::someone-elses-bucket/x.zip")).isFalse();
        assertThat(build.allows("sts:AssumeRole", "arn:aws:iam::333333333333:role/Admin")).isFalse();
    }

    @Test
    void aStageWithABucketPerRegionMayCopyItsArtifactsIntoTheOtherRegionsBucketOnly() {
        Environment staging = Environment.builder("staging").accountId("333333333333")
                .regions(List.of("eu-central-1", "eu-west-1")).bucket("orders-artifacts")
                .regionBuckets(Map.of("eu-west-1", "orders-artifacts-eu-west-1")).build();
        PipelineSpec spec = PipelineSpec.of("orders", List.of(DEV, staging), SourceKind.CONNECTION);

        PolicyEvaluator second = evaluator(Role.DEPLOYMENT, statements(Role.DEPLOYMENT, spec));
        // RegionalArtifacts: GetObject on the primary bucket, HeadObject (GetObject, ListBucket for a 404),
        // CopyObject (GetObject on the source, PutObject on the target) and PutObject on this region's
        assertThat(second.allows("s3:GetObject", "arn:aws:s3:::orders-artifacts/orders/a.zip")).isTrue();
        assertThat(second.allows("s3:GetObject", "arn:aws:s3:::orders-artifacts-eu-west-1/orders/a.zip")).isTrue();
        assertThat(second.allows("s3:PutObject", "arn:aws:s3:::orders-artifacts-eu-west-1/orders/a.zip")).isTrue();
        assertThat(second.allows("s3:ListBucket", "arn:aws:s3:::orders-artifacts-eu-west-1")).isTrue();
        assertThat(second.allows("s3:PutObject", "arn:aws:s3:::orders-artifacts/orders/a.zip")).isFalse();
        String primary = new PipelineTemplates(StageListener.IGNORE).render(spec)
                .get("orders-deployment-role-333333333333-eu-central-1.yaml");
        assertThat(primary).doesNotContain("WriteRegionalArtifacts");
    }

    @Test
    void thePomAddsStatementsAndManagedPoliciesToEveryDeploymentRole() throws Exception {
        DeploymentRoleExtension extension = DeploymentRoleExtension.parse(
                List.of("arn:aws:iam::333333333333:policy/orders-state-machines"),
                List.of("{\"Sid\":\"StateMachines\",\"Effect\":\"Allow\",\"Action\":[\"states:CreateStateMachine\","
                        + "\"states:DeleteStateMachine\"],\"Resource\":\"arn:aws:states:*:*:stateMachine:orders-*\"}"));
        PipelineSpec spec = new PipelineSpec("orders", List.of(DEV, PROD), SourceKind.CONNECTION, 90, null, extension);

        PolicyEvaluator deployment = evaluator(Role.DEPLOYMENT, statements(Role.DEPLOYMENT, spec));
        assertThat(deployment.allows("states:CreateStateMachine",
                "arn:aws:states:eu-west-1:333333333333:stateMachine:orders-prod-Flow")).isTrue();
        assertThat(deployment.allows("states:CreateStateMachine", "arn:aws:states:eu-west-1:333333333333:stateMachine:other"))
                .isFalse();
        Path file = new PipelineTemplates(StageListener.IGNORE).write(spec, out).get(2);
        String text = Files.readString(file);
        assertThat(text).contains("arn:aws:iam::333333333333:policy/orders-state-machines").contains("ExtraManagedPolicyArns");
        Process lint = new ProcessBuilder("cfn-lint", "--regions", "eu-west-1", "--", file.toString()).redirectErrorStream(true)
                .start();
        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(lint.exitValue() & ~(4 | 8)).as("cfn-lint exit %d:%n%s", lint.exitValue(), report).isZero();
    }

    @Test
    void statementsThatGrantEveryActionOrAreNotStatementsAreRefusedInOneLineEach() {
        assertThatThrownBy(() -> DeploymentRoleExtension.parse(List.of("orders-admin"), List.of(
                "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}", "[1]", "{\"Effect\":\"Allow\"}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<deploymentRole><managedPolicyArns> has 'orders-admin', which is not a managed policy ARN")
                .hasMessageContaining("<deploymentRole><statements> entry 1 allows every action of a service (dynamodb:*)")
                .hasMessageContaining("<deploymentRole><statements> entry 2 is not a JSON object")
                .hasMessageContaining("<deploymentRole><statements> entry 3 needs both Action and Resource");
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        Object n = node;
        for (Object step : path) {
            n = step instanceof Integer i ? ((List<Object>) n).get(i) : ((Map<String, Object>) n).get(step);
        }
        return (T) n;
    }
}
