package dev.samstage.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/**
 * The deployed name of each function of a stage's stack, found by its logical id with
 * CloudFormation's DescribeStackResource (the caller needs {@code cloudformation:DescribeStackResource})
 * and remembered for the run: SAM turns an {@code AWS::Serverless::Function} into an
 * {@code AWS::Lambda::Function} of the same logical id, whose physical id is the function's name.
 */
final class StackFunctionNames {

    private final CloudFormationClient cloudFormation;
    private final String stackName;
    private final String region;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    StackFunctionNames(CloudFormationClient cloudFormation, String stackName, String region) {
        this.cloudFormation = cloudFormation;
        this.stackName = stackName;
        this.region = region;
    }

    String physicalName(String logicalId) {
        return names.computeIfAbsent(logicalId, this::describe);
    }

    private String describe(String logicalId) {
        try {
            return cloudFormation.describeStackResource(r -> r.stackName(stackName).logicalResourceId(logicalId))
                    .stackResourceDetail().physicalResourceId();
        } catch (CloudFormationException e) {
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            if (String.valueOf(message).contains("does not exist")) {
                throw new StageConfigurationException("Stack " + stackName + where() + " has no resource " + logicalId
                        + " (" + message + "); name the function by its logical id in template.yaml");
            }
            throw new StageConfigurationException("Finding function " + logicalId + " in stack " + stackName + where()
                    + " failed: " + message + "; the caller needs cloudformation:DescribeStackResource on the stack");
        } catch (SdkClientException e) {
            throw new StageConfigurationException("Finding function " + logicalId + " in stack " + stackName + where()
                    + " failed: " + e.getMessage() + " Set " + StageProperties.REGION + " and AWS credentials");
        }
    }

    private String where() {
        return region == null ? "" : " in " + region;
    }

    @Override
    public String toString() {
        return "stack " + stackName + where();
    }
}
