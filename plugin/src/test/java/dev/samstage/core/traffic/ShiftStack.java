package dev.samstage.core.traffic;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.testing.SamTemplate;
import dev.samstage.testing.aws.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A SAM service with {@code AutoPublishAlias} and a {@code DeploymentPreference} on the local AWS,
 * deployed through CloudFormation change sets as CloudFormation runs them: the function
 * {@code checkout} (alias {@code live}), optional PreTraffic/PostTraffic hook functions, the alarm
 * {@code checkout-errors} watched by the deployment group, and one code object per version.
 */
final class ShiftStack implements AutoCloseable {

    static final String STACK = "checkout-prod";
    static final String FUNCTION = "checkout";
    static final String ALARM = "checkout-errors";
    static final String PRE_HOOK = "CodeDeployHook_checkout_pre";
    static final String POST_HOOK = "CodeDeployHook_checkout_post";
    private static final String BUCKET = "checkout-code";

    final AwsClientFactory clients;
    final CloudFormationClient cloudFormation;
    final CodeDeployClient codeDeploy;
    final CloudWatchClient cloudWatch;
    final LambdaClient lambda;
    private int changeSets;

    ShiftStack() {
        LocalAws aws = LocalAws.get();
        aws.reset();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY));
        clients = AwsClientFactory.create("us-east-1", credentials, aws.endpoint());
        cloudFormation = clients.cloudFormation();
        codeDeploy = clients.codeDeploy();
        cloudWatch = clients.cloudWatch();
        lambda = LambdaClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(aws.endpoint()).build();
        try (S3Client s3 = clients.s3()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            for (String version : List.of("v1", "v2", "v3", "hooks")) {
                s3.putObject(b -> b.bucket(BUCKET).key(version + ".zip"), RequestBody.fromBytes(zip(version)));
            }
        }
        cloudWatch.putMetricAlarm(b -> b.alarmName(ALARM).namespace("AWS/Lambda").metricName("Errors").statistic("Sum")
                .period(60).evaluationPeriods(1).threshold(0.0).comparisonOperator("GreaterThanThreshold"));
    }

    /** The service's template with the function's code at {@code code} (v1, v2, v3), with or without hooks. */
    static String template(String code, boolean hooks) {
        String preference = "DeploymentPreference:\n  Type: !Ref DeployType\n  Alarms: [" + ALARM + "]"
                + (hooks ? "\n  Hooks: {PreTraffic: !Ref PreTrafficHook, PostTraffic: !Ref PostTrafficHook}" : "");
        SamTemplate template = SamTemplate.sam()
                .function("CheckoutFunction", "s3://" + BUCKET + "/" + code + ".zip", "checkout.Handler::handleRequest", "java21")
                .with("FunctionName: " + FUNCTION, "AutoPublishAlias: live", preference);
        if (hooks) {
            template.function("PreTrafficHook", "s3://" + BUCKET + "/hooks.zip", "hooks.Pre::handleRequest", "java21")
                    .with("FunctionName: " + PRE_HOOK)
                    .function("PostTrafficHook", "s3://" + BUCKET + "/hooks.zip", "hooks.Post::handleRequest", "java21")
                    .with("FunctionName: " + POST_HOOK);
        }
        return template.yaml() + "Parameters:\n  DeployType: {Type: String, Default: AllAtOnce}\n";
    }

    /** Creates (first call) or updates the stack with a change set and executes it; returns the change set's name. */
    String deploy(String template, String deployType) {
        String name = "samstage-" + (++changeSets);
        ChangeSetType type = changeSets == 1 ? ChangeSetType.CREATE : ChangeSetType.UPDATE;
        cloudFormation.createChangeSet(b -> b.stackName(STACK).changeSetName(name).changeSetType(type).templateBody(template)
                .capabilities(Capability.CAPABILITY_IAM)
                .parameters(Parameter.builder().parameterKey("DeployType").parameterValue(deployType).build()));
        cloudFormation.executeChangeSet(b -> b.stackName(STACK).changeSetName(name));
        return name;
    }

    /** What the alias and the stack look like at one moment. */
    record Reading(String stackStatus, String version, Map<String, Double> weights) {
        double weightOf(String version) {
            return weights.getOrDefault(version, 0.0);
        }
    }

    /**
     * Reads the stack and the alias every few milliseconds until the stack settles, handing every
     * reading to {@code each}; returns the distinct readings in order (the last one is the settled state).
     */
    List<Reading> sampleUntilSettled(Consumer<Reading> each) {
        List<Reading> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Reading reading = read();
            String status = reading.stackStatus();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(reading)) {
                seen.add(reading);
            }
            each.accept(reading);
            if (!status.endsWith("_IN_PROGRESS")) {
                return seen;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("stack " + STACK + " still " + status + " after 60 s; readings: " + seen);
            }
            pause(10);
        }
    }

    /** The stack's status and the alias (GetAlias) now. */
    Reading read() {
        String status = cloudFormation.describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackStatusAsString();
        GetAliasResponse alias = lambda.getAlias(b -> b.functionName(FUNCTION).name("live"));
        Map<String, Double> weights = alias.routingConfig() == null ? Map.of() : alias.routingConfig().additionalVersionWeights();
        return new Reading(status, alias.functionVersion(), Map.copyOf(weights));
    }

    String physicalId(String logicalId) {
        return cloudFormation.describeStackResources(b -> b.stackName(STACK)).stackResources().stream()
                .filter(r -> r.logicalResourceId().equals(logicalId)).map(StackResource::physicalResourceId)
                .filter(Objects::nonNull).findFirst().orElseThrow();
    }

    /** The CodeDeploy application and deployment group SAM made for the function. */
    String[] deploymentGroup() {
        return new String[] {physicalId("ServerlessDeploymentApplication"), physicalId("CheckoutFunctionDeploymentGroup")};
    }

    /** Every deployment of the function's group, oldest first. */
    List<software.amazon.awssdk.services.codedeploy.model.DeploymentInfo> deployments() {
        String[] group = deploymentGroup();
        List<String> ids = codeDeploy.listDeployments(b -> b.applicationName(group[0]).deploymentGroupName(group[1])).deployments();
        if (ids.isEmpty()) {
            return List.of();
        }
        return codeDeploy.batchGetDeployments(b -> b.deploymentIds(ids)).deploymentsInfo().stream()
                .sorted(java.util.Comparator.comparing(software.amazon.awssdk.services.codedeploy.model.DeploymentInfo::createTime))
                .toList();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] zip(String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("version.txt"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        lambda.close();
        cloudWatch.close();
        codeDeploy.close();
        cloudFormation.close();
        clients.close();
    }
}
