package dev.samstage.sample.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.testing.aws.LocalAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentOption;
import software.amazon.awssdk.services.codedeploy.model.DeploymentType;

/**
 * What AWS holds while CodeDeploy runs the PostTraffic hook, in the local AWS that every samstage
 * test uses ({@link LocalAws}: moto plus samstage's compatibility layer): the service's stack,
 * whose {@code ApiUrl} output is the API under test, and a Lambda deployment of the service's
 * alias in its {@code AfterAllowTraffic} event, to which the hook reports. CodeDeploy refuses a
 * status for a deployment it does not know, so the hook must be given this deployment's id.
 *
 * <p>moto runs no CodeDeploy deployment and has no PutLifecycleEventHookExecutionStatus; the
 * compatibility layer ({@code local-aws/src/main/python/compat/codedeploy.py}) scripts the
 * deployment and records the statuses the hook reports, which {@link #hookStatuses()} reads back.</p>
 */
final class DeploymentInProgress {

    /** moto's default account: the one credentials it did not issue act in, as the hook's do here. */
    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPLICATION = "quote-service-ServerlessDeploymentApplication";
    private static final String GROUP = "quote-service-QuoteFunctionDeploymentGroup";

    private final LocalAws aws;
    private final String deploymentId;

    private DeploymentInProgress(LocalAws aws, String deploymentId) {
        this.aws = aws;
        this.deploymentId = deploymentId;
    }

    /** A fresh local AWS holding {@code stack} (output {@code ApiUrl}) and a deployment waiting for its PostTraffic hook. */
    static DeploymentInProgress of(String stack, URI apiUrl) {
        LocalAws aws = LocalAws.get();
        aws.reset();
        try (CloudFormationClient cloudFormation = CloudFormationClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.of(REGION))
                .endpointOverride(aws.endpoint()).credentialsProvider(credentials()).build()) {
            cloudFormation.createStack(r -> r.stackName(stack).templateBody(
                    "{\"Resources\":{\"Topic\":{\"Type\":\"AWS::SNS::Topic\"}},"
                            + "\"Outputs\":{\"ApiUrl\":{\"Value\":\"" + apiUrl + "\"}}}"));
        }
        try (CodeDeployClient codeDeploy = CodeDeployClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.of(REGION))
                .endpointOverride(aws.endpoint()).credentialsProvider(credentials()).build()) {
            codeDeploy.createApplication(r -> r.applicationName(APPLICATION).computePlatform(ComputePlatform.LAMBDA));
            codeDeploy.createDeploymentGroup(r -> r.applicationName(APPLICATION).deploymentGroupName(GROUP)
                    .serviceRoleArn("arn:aws:iam::" + ACCOUNT + ":role/quote-service-CodeDeployServiceRole")
                    .deploymentConfigName("CodeDeployDefault.LambdaAllAtOnce")
                    .deploymentStyle(s -> s.deploymentType(DeploymentType.BLUE_GREEN)
                            .deploymentOption(DeploymentOption.WITH_TRAFFIC_CONTROL)));
        }
        // all traffic on the new version, the PostTraffic (AfterAllowTraffic) hook running
        JsonNode script = control("POST", "script", Map.of(
                "account", ACCOUNT, "region", REGION, "applicationName", APPLICATION, "deploymentGroupName", GROUP,
                "functionName", "quote-service-QuoteFunction", "alias", "live",
                "steps", List.of(Map.of("status", "InProgress", "weight", 100, "lifecycle", Map.of(
                        "BeforeAllowTraffic", "Succeeded", "AllowTraffic", "Succeeded", "AfterAllowTraffic", "InProgress")))),
                aws);
        return new DeploymentInProgress(aws, script.path("deploymentId").asText());
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY));
    }

    /** What the hook's {@code AWS_ENDPOINT_URL} names. */
    URI endpoint() {
        return aws.endpoint();
    }

    String deploymentId() {
        return deploymentId;
    }

    /** The statuses CodeDeploy was told (deploymentId, lifecycleEventHookExecutionId, status), in order. */
    List<JsonNode> hookStatuses() {
        List<JsonNode> statuses = new ArrayList<>();
        control("GET", "hook-statuses?account=" + ACCOUNT + "&region=" + REGION, null, aws).path("hookStatuses").forEach(statuses::add);
        return statuses;
    }

    private static JsonNode control(String method, String path, Object body, LocalAws aws) {
        try {
            return JSON.readTree(aws.control(method, "/samstage-compat/codedeploy/" + path,
                    body == null ? null : JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
