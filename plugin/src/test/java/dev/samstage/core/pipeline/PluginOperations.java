package dev.samstage.core.pipeline;

import java.util.List;
import java.util.Set;

/**
 * Every AWS call made with a generated role, and the IAM action and resource it is authorised
 * against, for project {@code orders} deploying stack {@code orders-prod} into account
 * 333333333333, eu-west-1, from build account 999999999999 (artifact bucket
 * {@code orders-artifacts}). Three kinds of rows:
 * <ul>
 *   <li>SDK operations samstage makes (named as the SDK names them, {@code Service.Operation});
 *       the IAM-enforced test records the operations of a real run and checks each is listed here;</li>
 *   <li>calls S3 makes to KMS for the caller ({@code S3->KMS}), which no emulator checks;</li>
 *   <li>calls CloudFormation makes with the caller's credentials while it creates, updates and
 *       deletes a SAM service's resources ({@code CloudFormation->...}), from the resource
 *       providers' handler permissions (https://github.com/aws-cloudformation, the
 *       {@code handlers.*.permissions} of each resource schema) and the CodeDeploy, Lambda and
 *       S3 entries of the Service Authorization Reference
 *       (https://docs.aws.amazon.com/service-authorization/latest/reference/).</li>
 * </ul>
 */
final class PluginOperations {

    enum Role { BUILD, DEPLOYMENT }

    /**
     * @param role      which generated role makes the call
     * @param operation the SDK operation, or who calls on the role's behalf
     * @param action    the IAM action authorised
     * @param resource  the resource ARN it is authorised against
     */
    record Row(Role role, String operation, String action, String resource) {
        @Override
        public String toString() {
            return role + " " + operation + " -> " + action + " on " + resource;
        }
    }

    /** Calls IAM never refuses (AWS: "No permissions are required to perform this operation"). */
    static final Set<String> UNAUTHORISED_OPERATIONS = Set.of("Sts.GetCallerIdentity");

    static final String STACK = "arn:aws:cloudformation:eu-west-1:333333333333:stack/orders-prod/5e0a1b2c";
    static final String APP = "arn:aws:codedeploy:eu-west-1:333333333333:application:orders-prod-ServerlessDeploymentApplication-1AB";
    static final String GROUP = "arn:aws:codedeploy:eu-west-1:333333333333:deploymentgroup:"
            + "orders-prod-ServerlessDeploymentApplication-1AB/orders-prod-OrdersFunctionDeploymentGroup-2CD";
    static final String CONFIG = "arn:aws:codedeploy:eu-west-1:333333333333:deploymentconfig:"
            + "CodeDeployDefault.LambdaLinear10PercentEvery1Minute";
    static final String FUNCTION = "arn:aws:lambda:eu-west-1:333333333333:function:orders-prod-OrdersFunction-3EF";
    static final String FUNCTION_ROLE = "arn:aws:iam::333333333333:role/orders-prod-OrdersFunctionRole-4GH";
    static final String BUCKET = "arn:aws:s3:::orders-artifacts";
    static final String OBJECT = BUCKET + "/orders/5d41402abc4b2a76b9719d911017c592.zip";
    static final String KEY = "arn:aws:kms:eu-west-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String DEPLOYMENT_ROLE = "arn:aws:iam::333333333333:role/orders-eu-west-1-DeploymentRole";
    static final String LEDGER = "arn:aws:dynamodb:eu-west-1:333333333333:table/orders-releases";

    static final List<Row> ROWS = List.of(
            // the build: packaging into the artifact bucket, then assuming each stage's deployment role
            build("S3.HeadBucket", "s3:ListBucket", BUCKET),
            build("S3.HeadObject", "s3:GetObject", OBJECT),
            // S3 answers a HeadObject on a missing key with 404 only to callers with s3:ListBucket, else 403
            build("S3.HeadObject", "s3:ListBucket", BUCKET),
            // one listing of the prefix finds the new artifacts (S3ArtifactStore.absentAmong)
            build("S3.ListObjectsV2", "s3:ListBucket", BUCKET),
            build("S3.PutObject", "s3:PutObject", OBJECT),
            build("S3.CreateMultipartUpload", "s3:PutObject", OBJECT),
            build("S3.UploadPart", "s3:PutObject", OBJECT),
            build("S3.CompleteMultipartUpload", "s3:PutObject", OBJECT),
            build("S3.AbortMultipartUpload", "s3:AbortMultipartUpload", OBJECT),
            build("S3.GetObject", "s3:GetObject", OBJECT),
            // re-encrypting a reused object in place with the stage's key (S3ArtifactStore.reencrypt)
            build("S3.CopyObject", "s3:GetObject", OBJECT),
            build("S3.CopyObject", "s3:PutObject", OBJECT),
            // aborting uploads in flight and those interrupted builds left (S3ObjectUpload, abortAbandonedUploads)
            build("S3.ListMultipartUploads", "s3:ListBucketMultipartUploads", BUCKET),
            // the stage's key checked before any upload (KmsKeyCheck)
            build("Kms.DescribeKey", "kms:DescribeKey", KEY),
            build("S3->KMS", "kms:GenerateDataKey", KEY),
            // multipart uploads under SSE-KMS need Decrypt too (S3 reads the data key back for each part)
            build("S3->KMS", "kms:Decrypt", KEY),
            build("Sts.AssumeRole", "sts:AssumeRole", DEPLOYMENT_ROLE),
            build("CodeBuild->Logs", "logs:PutLogEvents",
                    "arn:aws:logs:eu-west-1:999999999999:log-group:/aws/codebuild/orders-prod-deploy:log-stream:1"),
            build("CodeBuild->Reports", "codebuild:BatchPutTestCases",
                    "arn:aws:codebuild:eu-west-1:999999999999:report-group/orders-prod-tests"),

            // the deployment: change sets and stacks
            deploy("CloudFormation.CreateChangeSet", "cloudformation:CreateChangeSet", STACK),
            deploy("CloudFormation.CreateChangeSet", "cloudformation:CreateChangeSet",
                    "arn:aws:cloudformation:eu-west-1:aws:transform/Serverless-2016-10-31"),
            deploy("CloudFormation.DescribeChangeSet", "cloudformation:DescribeChangeSet", STACK),
            deploy("CloudFormation.ExecuteChangeSet", "cloudformation:ExecuteChangeSet", STACK),
            deploy("CloudFormation.DeleteChangeSet", "cloudformation:DeleteChangeSet", STACK),
            deploy("CloudFormation.DescribeStacks", "cloudformation:DescribeStacks", STACK),
            deploy("CloudFormation.DescribeStackEvents", "cloudformation:DescribeStackEvents", STACK),
            deploy("CloudFormation.DescribeStackResources", "cloudformation:DescribeStackResources", STACK),
            deploy("CloudFormation.DeleteStack", "cloudformation:DeleteStack", STACK),
            deploy("CloudFormation.SetStackPolicy", "cloudformation:SetStackPolicy", STACK),
            deploy("ApiGateway.GetStages", "apigateway:GET", "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages"),
            // following a traffic shift
            deploy("CodeDeploy.ListDeploymentGroups", "codedeploy:ListDeploymentGroups", APP),
            deploy("CodeDeploy.GetDeploymentGroup", "codedeploy:GetDeploymentGroup", GROUP),
            deploy("CodeDeploy.ListDeployments", "codedeploy:ListDeployments", GROUP),
            deploy("CodeDeploy.BatchGetDeployments", "codedeploy:BatchGetDeployments", GROUP),
            deploy("CodeDeploy.GetDeployment", "codedeploy:GetDeployment", GROUP),
            deploy("CodeDeploy.GetDeploymentConfig", "codedeploy:GetDeploymentConfig", CONFIG),
            deploy("CodeDeploy.ListDeploymentTargets", "codedeploy:ListDeploymentTargets", GROUP),
            deploy("CodeDeploy.BatchGetDeploymentTargets", "codedeploy:BatchGetDeploymentTargets", GROUP),
            deploy("CloudWatch.DescribeAlarms", "cloudwatch:DescribeAlarms",
                    "arn:aws:cloudwatch:eu-west-1:333333333333:alarm:payments-shared-5xx"),
            // the release gate's ledger
            deploy("DynamoDB.GetItem", "dynamodb:GetItem", LEDGER),
            deploy("DynamoDB.Query", "dynamodb:Query", LEDGER),
            deploy("DynamoDB.TransactWriteItems", "dynamodb:PutItem", LEDGER),
            deploy("DynamoDB.TransactWriteItems", "dynamodb:UpdateItem", LEDGER),
            deploy("DynamoDB.TransactWriteItems", "dynamodb:ConditionCheckItem", LEDGER),
            deploy("DynamoDB.DescribeTable", "dynamodb:DescribeTable", LEDGER),

            // CloudFormation creating the service's resources with the role's credentials
            deploy("CloudFormation->S3", "s3:GetObject", OBJECT),
            deploy("CloudFormation->KMS", "kms:Decrypt", KEY),
            deploy("CloudFormation->Lambda", "lambda:CreateFunction", FUNCTION),
            deploy("CloudFormation->Lambda", "lambda:UpdateAlias", FUNCTION + ":live"),
            deploy("CloudFormation->Lambda", "lambda:PublishLayerVersion",
                    "arn:aws:lambda:eu-west-1:333333333333:layer:orders-prod-Dependencies"),
            deploy("CloudFormation->IAM", "iam:CreateRole", FUNCTION_ROLE),
            deploy("CloudFormation->IAM", "iam:PassRole", FUNCTION_ROLE),
            deploy("CloudFormation->ApiGateway", "apigateway:POST", "arn:aws:apigateway:eu-west-1::/restapis"),
            deploy("CloudFormation->CodeDeploy", "codedeploy:CreateDeploymentGroup", GROUP),
            deploy("CloudFormation->CodeDeploy", "codedeploy:CreateDeployment", GROUP),
            deploy("CloudFormation->CodeDeploy", "codedeploy:StopDeployment", GROUP),
            deploy("CloudFormation->CloudWatch", "cloudwatch:PutMetricAlarm",
                    "arn:aws:cloudwatch:eu-west-1:333333333333:alarm:orders-prod-OrdersFunctionErrors-5IJ"),
            deploy("CloudFormation->Logs", "logs:CreateLogGroup",
                    "arn:aws:logs:eu-west-1:333333333333:log-group:/aws/lambda/orders-prod-OrdersFunction-3EF"),
            deploy("CloudFormation->DynamoDB", "dynamodb:CreateTable",
                    "arn:aws:dynamodb:eu-west-1:333333333333:table/orders-prod-OrdersTable-6KL"),
            deploy("CloudFormation->SQS", "sqs:CreateQueue", "arn:aws:sqs:eu-west-1:333333333333:orders-prod-OrdersQueue-7MN"),
            deploy("CloudFormation->SNS", "sns:CreateTopic", "arn:aws:sns:eu-west-1:333333333333:orders-prod-OrdersTopic-8OP"),
            deploy("CloudFormation->EventBridge", "events:PutRule",
                    "arn:aws:events:eu-west-1:333333333333:rule/orders-prod-NightlySchedule-9QR"),
            deploy("CloudFormation->SSM", "ssm:PutParameter", "arn:aws:ssm:eu-west-1:333333333333:parameter/orders/prod/feature-flags"),
            deploy("CloudFormation->Lambda", "lambda:CreateEventSourceMapping",
                    "arn:aws:lambda:eu-west-1:333333333333:event-source-mapping:14e0db71-5d35-4eb5-b481-8945cf9d10c2"));

    private PluginOperations() {
    }

    private static Row build(String operation, String action, String resource) {
        return new Row(Role.BUILD, operation, action, resource);
    }

    private static Row deploy(String operation, String action, String resource) {
        return new Row(Role.DEPLOYMENT, operation, action, resource);
    }

    /** The SDK operations listed for {@code role} ({@code Service.Operation}). */
    static Set<String> sdkOperations(Role role) {
        return ROWS.stream().filter(r -> r.role() == role && !r.operation().contains("->")).map(Row::operation)
                .collect(java.util.stream.Collectors.toSet());
    }
}
