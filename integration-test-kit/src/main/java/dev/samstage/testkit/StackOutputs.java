package dev.samstage.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Reads a CloudFormation stack's outputs with the AWS SDK: the last place the endpoint is
 * looked for, and where {@code @StageOutput} values come from when no outputs file exists.
 *
 * @param stackName the stack
 * @param region the stack's region, or {@code null} for the SDK's own region chain
 * @param outputs the outputs by key
 */
record StackOutputs(String stackName, String region, Map<String, String> outputs) {

    /**
     * @param stack {@code samstage.stackName}
     * @param region {@code samstage.region} and its fallbacks, if any
     * @param endpointOverride {@code samstage.endpointUrl} / {@code AWS_ENDPOINT_URL}, if any
     */
    static StackOutputs read(Setting stack, Optional<Setting> region, Optional<Setting> endpointOverride, AwsCredentialsProvider credentials) {
        CloudFormationClientBuilder builder = CloudFormationClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials);
        region.ifPresent(r -> builder.region(Region.of(r.value())));
        endpointOverride.ifPresent(e -> builder.endpointOverride(EndpointUrl.parse(e.value(), e.describe())));
        String where = region.map(r -> " in region " + r.value()).orElse("");
        try (CloudFormationClient cloudFormation = builder.build()) {
            Stack found = cloudFormation.describeStacks(r -> r.stackName(stack.value())).stacks().stream()
                    .findFirst()
                    .orElseThrow(() -> missing(stack, where));
            Map<String, String> outputs = new LinkedHashMap<>();
            for (Output output : found.outputs()) {
                outputs.put(output.outputKey(), output.outputValue());
            }
            String stackRegion = region.map(Setting::value).orElseGet(() -> regionOf(found.stackId()));
            return new StackOutputs(found.stackName(), stackRegion, outputs);
        } catch (CloudFormationException e) {
            if (e.awsErrorDetails() != null && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist")) {
                throw missing(stack, where);
            }
            throw new StageConfigurationException("Reading the outputs of CloudFormation stack " + stack.describe() + where
                    + " failed: " + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()));
        } catch (SdkClientException e) {
            throw new StageConfigurationException("Reading the outputs of CloudFormation stack " + stack.describe() + where
                    + " failed: " + e.getMessage() + " Set " + StageProperties.REGION + " and AWS credentials, or give the endpoint with -D"
                    + StageProperties.ENDPOINT + "=<invoke URL>");
        }
    }

    private static StageConfigurationException missing(Setting stack, String where) {
        return new StageConfigurationException("CloudFormation stack " + stack.describe() + " does not exist" + where
                + "; deploy the stage first or correct " + StageProperties.STACK_NAME + " / " + StageProperties.REGION);
    }

    private static String regionOf(String stackId) {
        // arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>
        String[] parts = stackId == null ? new String[0] : stackId.split(":");
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
    }
}
