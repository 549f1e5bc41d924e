package dev.samstage.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.StageException;
import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.deploy.DeployRequest;
import dev.samstage.core.deploy.DeployResult;
import dev.samstage.core.deploy.StageDeployer;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.packaging.JavaBuildOutput;
import dev.samstage.core.packaging.PackageRequest;
import dev.samstage.core.packaging.PackageResult;
import dev.samstage.core.packaging.S3ArtifactStore;
import dev.samstage.core.packaging.S3TransferSettings;
import dev.samstage.core.packaging.StagePackager;
import dev.samstage.core.pipeline.PluginOperations.Role;
import dev.samstage.core.time.Sleeper;
import dev.samstage.core.traffic.TrafficShiftFollower;
import dev.samstage.testing.aws.LocalAws;
import dev.samstage.testing.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The generated build and deployment roles at work with IAM enforced: both are created from the
 * templates {@code samstage:pipeline} writes (by IAM calls that mirror them, in the build account
 * and the stage account), the packaging runs with the build role's credentials and the deployment
 * assumes the stage's deployment role from them, as in CodeBuild.
 *
 * <p>What the local AWS checks here (see {@code local-aws/src/main/python/compat/iam_enforcement.py}): S3
 * actions on the bucket or object, STS AssumeRole on the role, and for CloudFormation,
 * CodeDeploy, CloudWatch, API Gateway, DynamoDB, Lambda the action only (not its resource).
 * Not checked: KMS calls S3 makes for SSE-KMS, bucket policies, and the calls CloudFormation makes
 * with the role while creating resources; {@link GeneratedRolePoliciesTest} checks those, and
 * the resources of every action, statically against {@link PluginOperations}, whose SDK
 * operations this test compares with the ones a real run makes.</p>
 */
class EnforcedRolesTest {

    static final String BUILD_ACCOUNT = "123456789012";
    static final String STAGE_ACCOUNT = "333333333333";
    static final String REGION = "eu-west-1";
    static final String BUCKET = "orders-artifacts-enforced";
    static final String STACK = "orders-prod";

    static final String TEMPLATE = SamTemplate.sam()
            .function("OrdersFunction", "code/", "orders.Handler::handleRequest", "java21")
            .with("AutoPublishAlias: live", "DeploymentPreference:\n  Type: AllAtOnce")
            .api("Orders", "/orders", "get").yaml();

    private final LocalAws aws = LocalAws.withIamEnforced();
    private final ObjectMapper json = new ObjectMapper();
    private final Environment prod = Environment.builder("prod").accountId(STAGE_ACCOUNT).regions(List.of(REGION)).stackName(STACK)
            .alarms(List.of("orders-prod-errors")).build();
    private final Set<String> buildOperations = ConcurrentHashMap.newKeySet();
    private final Set<String> deployOperations = ConcurrentHashMap.newKeySet();
    private final List<StageEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private AwsClientFactory root;
    private String keyArn;
    private Map<String, Object> templates;

    @BeforeEach
    void accountsWithTheGeneratedRoles() throws Exception {
        aws.relaxIam();
        aws.reset();
        root = AwsClientFactory.create(REGION, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)), aws.endpoint());
        try (S3Client s3 = root.s3(); var kms = root.kms()) {
            s3.createBucket(b -> b.bucket(BUCKET).createBucketConfiguration(c -> c.locationConstraint(REGION)));
            s3.createBucket(b -> b.bucket("payments-artifacts").createBucketConfiguration(c -> c.locationConstraint(REGION)));
            keyArn = kms.createKey(b -> b.description("orders artifacts")).keyMetadata().arn();
        }
        Map<String, String> files = new PipelineTemplates(StageListener.IGNORE)
                .render(PipelineSpec.of("orders", List.of(prod), SourceKind.CONNECTION));
        templates = Map.of(
                "build", load(files.get("orders-pipeline.yaml")),
                "deployment", load(files.get("orders-deployment-role-" + STAGE_ACCOUNT + "-" + REGION + ".yaml")));
        writeDeploymentRole(UnaryOperator.identity());
        writeBuildRole(UnaryOperator.identity());
        Files.createDirectories(dir.resolve("code"));
        Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
        Files.writeString(dir.resolve("code/orders.txt"), "orders");
        // incompressible and over the multipart threshold below: the upload takes two parts
        byte[] blob = new byte[6 << 20];
        new Random(16).nextBytes(blob);
        Files.write(dir.resolve("code/blob.bin"), blob);
    }

    @AfterEach
    void relax() {
        aws.relaxIam();
        root.close();
    }

    @Test
    void packagingAndDeployingWithTheGeneratedRolesMakeOnlyAllowedCallsAndEachIsListed() throws Exception {
        try (AwsClientFactory build = buildRole(buildOperations); AwsClientFactory deployBase = buildRole(deployOperations)) {
            aws.enforceIam();

            PackageResult packaged = packageWith(build);
            DeployResult deployed = deployWith(deployBase, packaged);

            assertThat(deployed.primary().outcome()).isEqualTo(DeployResult.Outcome.CREATED);
            assertThat(packaged.uploaded()).isOne();
            // S3 answers 404, not 403, for a missing key only because the build role may list the bucket
            try (S3Client s3 = build.s3()) {
                assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("orders/not-there.zip")))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
            }
        }
        aws.relaxIam();
        try (S3Client s3 = root.s3()) {
            String key = packaged(dir).substring(("s3://" + BUCKET + "/").length());
            assertThat(s3.headObject(b -> b.bucket(BUCKET).key(key)).contentLength()).isGreaterThan(6L << 20);
        }
        assertThat(buildOperations).contains("S3.HeadBucket", "S3.CreateMultipartUpload", "S3.UploadPart",
                "S3.CompleteMultipartUpload");
        assertThat(deployOperations).contains("Sts.AssumeRole", "CloudFormation.CreateChangeSet",
                "CloudFormation.ExecuteChangeSet", "CodeDeploy.ListDeploymentGroups", "CodeDeploy.ListDeployments",
                "CloudWatch.DescribeAlarms");
        // a refused follow-up call would only be a warning: none may say the role was refused
        assertThat(events).filteredOn(e -> e instanceof StageEvent.Note n && n.severity() == StageEvent.Severity.WARN)
                .extracting(e -> ((StageEvent.Note) e).message())
                .noneMatch(m -> m.contains("403") || m.contains("AccessDenied") || m.contains("not authorized"))
                // the follow ran on the deployed stack (it once ran on no stack name and gave up with a warning)
                .noneMatch(m -> m.startsWith("Could not follow traffic shifting"));
        assertThat(buildOperations).isSubsetOf(listedFor(Role.BUILD));
        assertThat(deployOperations).isSubsetOf(listedFor(Role.BUILD, Role.DEPLOYMENT));
    }

    @Test
    void followingADrivenTrafficShiftWithTheDeploymentRoleMakesOnlyListedAllowedCalls() throws Exception {
        try (AwsClientFactory build = buildRole(buildOperations); AwsClientFactory deployBase = buildRole(deployOperations)) {
            aws.enforceIam();
            deployWith(deployBase, packageWith(build));
            // new code publishes a new version: CloudFormation asks CodeDeploy to shift the alias to it
            Files.writeString(dir.resolve("code/orders.txt"), "orders, second release");
            DeployResult updated = deployWith(deployBase, packageWith(build));

            assertThat(updated.primary().outcome()).isEqualTo(DeployResult.Outcome.UPDATED);
        }
        assertThat(events).filteredOn(e -> e instanceof StageEvent.Note n && n.severity().compareTo(StageEvent.Severity.WARN) >= 0)
                .extracting(e -> ((StageEvent.Note) e).message()).isEmpty();
        assertThat(events).filteredOn(e -> e instanceof StageEvent.Note).extracting(e -> ((StageEvent.Note) e).message())
                .anyMatch(m -> m.startsWith("Traffic shift of ") && m.contains(":live to version 2 succeeded (CodeDeploy deployment d-"));
        // every call the follower makes while CodeDeploy runs the deployment, each listed and granted
        assertThat(deployOperations).contains("CodeDeploy.ListDeploymentGroups", "CodeDeploy.GetDeployment",
                "CodeDeploy.ListDeployments", "CodeDeploy.BatchGetDeployments", "CodeDeploy.ListDeploymentTargets",
                "CodeDeploy.BatchGetDeploymentTargets", "CloudWatch.DescribeAlarms", "CloudFormation.DescribeStackResources");
        assertThat(deployOperations).isSubsetOf(listedFor(Role.BUILD, Role.DEPLOYMENT));
    }

    /** The SDK operations the table lists for these roles, and those that need no permission. */
    private static Set<String> listedFor(Role... roles) {
        Set<String> listed = new java.util.HashSet<>(PluginOperations.UNAUTHORISED_OPERATIONS);
        for (Role role : roles) {
            listed.addAll(PluginOperations.sdkOperations(role));
        }
        return listed;
    }

    @Test
    void withoutTheDeploymentRolesTrafficShiftingStatementTheShiftCannotBeFollowed() throws Exception {
        try (AwsClientFactory build = buildRole(buildOperations); AwsClientFactory deployBase = buildRole(deployOperations)) {
            aws.enforceIam();
            deployWith(deployBase, packageWith(build));
            aws.relaxIam();
            writeDeploymentRole(statements -> without(statements, s -> "TrafficShifting".equals(s.get("Sid"))));
            aws.enforceIam();
            Files.writeString(dir.resolve("code/orders.txt"), "orders, second release");
            deployWith(deployBase, packageWith(build));
        }
        assertThat(events).filteredOn(e -> e instanceof StageEvent.Note n && n.severity().compareTo(StageEvent.Severity.WARN) >= 0)
                .extracting(e -> ((StageEvent.Note) e).message()).containsExactly("Could not follow traffic shifting in stack "
                        + STACK + ": the deploying credentials were refused a CodeDeploy call (HTTP 403), so the shift's progress"
                        + " and CodeDeploy's error are not shown; the stack's own result still decides the deploy. Grant the"
                        + " deployment role CodeDeploy's read actions: regenerate it with mvn samstage:pipeline and update the"
                        + " deployment role stack.");
    }

    @Test
    void callsOutsideTheGeneratedPoliciesAreDenied() {
        try (AwsClientFactory build = buildRole(buildOperations)) {
            AwsClientFactory deployment = assumeDeploymentRole(build);
            aws.enforceIam();
            try (S3Client s3 = build.s3()) {
                assertThatThrownBy(() -> s3.putObject(b -> b.bucket("payments-artifacts").key("x.zip"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("x")))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            }
            try (DynamoDbClient dynamo = deployment.dynamoDb(); IamClient iam = iam(deployment)) {
                assertThatThrownBy(dynamo::listTables).hasMessageContaining("403");
                assertThatThrownBy(() -> iam.createUser(b -> b.userName("intruder"))).hasMessageContaining("Status Code: 403");
            }
            deployment.close();
        }
    }

    @Test
    void withoutTheBuildRolesBucketStatementPackagingFails() {
        writeBuildRole(statements -> without(statements, s -> String.valueOf(s.get("Action")).contains("s3:ListBucket")));
        try (AwsClientFactory build = buildRole(buildOperations)) {
            aws.enforceIam();
            assertThatThrownBy(() -> packageWith(build)).isInstanceOf(StageException.class).hasMessageContaining("403");
        }
    }

    @Test
    void withoutTheDeploymentRolesStackStatementTheDeployFails() throws Exception {
        try (AwsClientFactory build = buildRole(buildOperations)) {
            aws.enforceIam();
            PackageResult packaged = packageWith(build);
            aws.relaxIam();
            writeDeploymentRole(statements -> without(statements, s -> "Stacks".equals(s.get("Sid"))));
            aws.enforceIam();
            assertThatThrownBy(() -> deployWith(build, packaged)).isInstanceOf(StageException.class)
                    .hasMessageStartingWith("The deployment role " + deploymentRoleArn() + " was refused a CloudFormation call"
                            + " in eu-west-1 (")
                    .hasMessageEndingWith("Grant the action in the role's policy: regenerate it with mvn samstage:pipeline and"
                            + " update the deployment role stack, or add the action with <deploymentRole><statements>.");
        }
    }

    private PackageResult packageWith(AwsClientFactory build) {
        try (S3ArtifactStore store = S3ArtifactStore.create(build, new S3TransferSettings(5L << 20, 5L << 20, 2, 2))) {
            return new StagePackager(store, StageListener.IGNORE).packageTemplate(new PackageRequest(
                    dir.resolve("template.yaml"), dir, dir.resolve("target/samstage/prod"), JavaBuildOutput.none(), BUCKET,
                    "orders", Optional.of(keyArn)));
        }
    }

    private DeployResult deployWith(AwsClientFactory base, PackageResult packaged) {
        return new StageDeployer(base, events::add)
                .following(new TrafficShiftFollower(Clock.systemUTC(), Sleeper.SYSTEM, Duration.ofMillis(200)))
                .deploy(new DeployRequest(prod, "orders", packaged.packagedTemplate(), packaged.templateUrl(),
                        dir.resolve("target/samstage/prod"), Optional.empty(), false, Map.of()));
    }

    private String packaged(Path project) throws Exception {
        return json.readTree(project.resolve("target/samstage/prod/package-manifest.json").toFile())
                .path("artifacts").get(0).path("s3Uri").asText();
    }

    /** Build-account clients with the build role's credentials, recording every operation into {@code operations}. */
    private AwsClientFactory buildRole(Set<String> operations) {
        try (var sts = root.sts()) {
            Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + BUILD_ACCOUNT + ":role/orders-BuildRole")
                    .roleSessionName("codebuild")).credentials();
            return root.with(REGION, session(c)).withInterceptors(List.of(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    operations.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                            + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                }
            }));
        }
    }

    private AwsClientFactory assumeDeploymentRole(AwsClientFactory build) {
        try (var sts = build.sts()) {
            Credentials c = sts.assumeRole(r -> r.roleArn(deploymentRoleArn()).roleSessionName("codebuild")).credentials();
            return build.with(REGION, session(c));
        }
    }

    private IamClient iam(AwsClientFactory clients) {
        return IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(clients.credentials())
                .endpointOverride(aws.endpoint()).build();
    }

    private static AwsCredentialsProvider session(Credentials c) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                c.sessionToken()));
    }

    private static String deploymentRoleArn() {
        return "arn:aws:iam::" + STAGE_ACCOUNT + ":role/orders-" + REGION + "-DeploymentRole";
    }

    /** The build role of the pipeline template, in the build account, its intrinsics resolved. */
    private void writeBuildRole(UnaryOperator<List<Map<String, Object>>> edit) {
        Map<String, String> values = Map.of("AWS::Partition", "aws", "AWS::Region", REGION, "AWS::AccountId", BUILD_ACCOUNT,
                "BaseStackName", "orders-pipeline-base", "orders-pipeline-base-ArtifactBucket", BUCKET,
                "orders-pipeline-base-ArtifactKeyArn", keyArn);
        Map<String, Object> role = GeneratedRolePoliciesTest.at(templates.get("build"), "Resources", "BuildRole", "Properties");
        try (IamClient iam = iam(root)) {
            putRole(iam, "orders-BuildRole", role, values, edit);
        }
    }

    /** The deployment role of the deployment-role template, in the stage account, its intrinsics resolved. */
    private void writeDeploymentRole(UnaryOperator<List<Map<String, Object>>> edit) {
        Map<String, String> values = Map.of("AWS::Partition", "aws", "AWS::Region", REGION, "AWS::AccountId", STAGE_ACCOUNT,
                "BuildAccountId", BUILD_ACCOUNT, "ArtifactBucket", BUCKET, "ArtifactKeyArn", keyArn,
                "ReleaseTable.Arn", "arn:aws:dynamodb:" + REGION + ":" + STAGE_ACCOUNT + ":table/orders-releases");
        Map<String, Object> role = GeneratedRolePoliciesTest.at(templates.get("deployment"), "Resources", "DeploymentRole",
                "Properties");
        // the stage account's administrator sets the role up, as the stack would
        Credentials admin;
        try (var sts = root.sts()) {
            admin = sts.assumeRole(r -> r.roleArn(deploymentRoleArn()).roleSessionName("administrator")).credentials();
        }
        try (AwsClientFactory stage = root.with(REGION, session(admin)); IamClient iam = iam(stage);
             var cloudWatch = stage.cloudWatch()) {
            putRole(iam, (String) role.get("RoleName"), role, values, edit);
            // the stage's alarm, read before executing
            cloudWatch.putMetricAlarm(b -> b.alarmName("orders-prod-errors").namespace("AWS/Lambda").metricName("Errors")
                    .statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator("GreaterThanOrEqualToThreshold"));
        }
    }

    @SuppressWarnings("unchecked")
    private void putRole(IamClient iam, String name, Map<String, Object> role, Map<String, String> values,
                         UnaryOperator<List<Map<String, Object>>> edit) {
        Map<String, Object> policy = GeneratedRolePoliciesTest.at(role, "Policies", 0);
        Map<String, Object> document = (Map<String, Object>) PolicyEvaluator.resolve(policy.get("PolicyDocument"), values);
        Map<String, Object> edited = new java.util.LinkedHashMap<>(document);
        edited.put("Statement", edit.apply(new ArrayList<>((List<Map<String, Object>>) document.get("Statement"))));
        Object trust = PolicyEvaluator.resolve(role.get("AssumeRolePolicyDocument"), values);
        String trustJson = write(trust);
        String policyJson = write(edited);
        if (iam.listRoles().roles().stream().noneMatch(r -> r.roleName().equals(name))) {
            iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trustJson));
        }
        iam.putRolePolicy(b -> b.roleName(name).policyName((String) policy.get("PolicyName")).policyDocument(policyJson));
    }

    private String write(Object document) {
        try {
            return json.writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> without(List<Map<String, Object>> statements,
                                                     java.util.function.Predicate<Map<String, Object>> removed) {
        List<Map<String, Object>> kept = new ArrayList<>(statements);
        assertThat(kept.removeIf(removed)).as("a statement to remove").isTrue();
        return kept;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String yaml) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }
}
