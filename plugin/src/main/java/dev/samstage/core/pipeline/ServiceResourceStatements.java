package dev.samstage.core.pipeline;

import static dev.samstage.core.pipeline.Cfn.allow;
import static dev.samstage.core.pipeline.Cfn.map;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The resource types a typical SAM service declares beside its functions and API, which the
 * deployment role may manage by default: DynamoDB tables, SQS queues, SNS topics, EventBridge
 * rules (schedules and event patterns), SSM parameters and Lambda event source mappings. They
 * are what SAM's own event sources and policy templates revolve around. Each is scoped to the
 * service's name prefixes, which CloudFormation's generated names ({@code <stack>-<logical id>-<suffix>})
 * start with. Anything else (state machines, streams, buckets, ...) is added from the pom.
 */
final class ServiceResourceStatements {

    private ServiceResourceStatements() {
    }

    /** @param scoped turns patterns with {@code {prefix}} into one ARN per name prefix */
    static List<Map<String, Object>> of(Function<String[], List<Object>> scoped, String project) {
        String arn = "arn:${AWS::Partition}:";
        String here = ":${AWS::Region}:${AWS::AccountId}:";
        return List.of(
                sid("Tables", allow(List.of("dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:DescribeTable",
                        "dynamodb:UpdateTable", "dynamodb:TagResource", "dynamodb:UntagResource",
                        "dynamodb:ListTagsOfResource", "dynamodb:DescribeContinuousBackups",
                        "dynamodb:UpdateContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:UpdateTimeToLive"),
                        scoped.apply(new String[] {arn + "dynamodb" + here + "table/{prefix}*"}))),
                sid("Queues", allow(List.of("sqs:CreateQueue", "sqs:DeleteQueue", "sqs:GetQueueAttributes",
                        "sqs:SetQueueAttributes", "sqs:GetQueueUrl", "sqs:TagQueue", "sqs:UntagQueue", "sqs:ListQueueTags"),
                        scoped.apply(new String[] {arn + "sqs" + here + "{prefix}*"}))),
                sid("Topics", allow(List.of("sns:CreateTopic", "sns:DeleteTopic", "sns:GetTopicAttributes",
                        "sns:SetTopicAttributes", "sns:Subscribe", "sns:Unsubscribe", "sns:ListSubscriptionsByTopic",
                        "sns:TagResource", "sns:UntagResource", "sns:ListTagsForResource"),
                        scoped.apply(new String[] {arn + "sns" + here + "{prefix}*"}))),
                sid("Rules", allow(List.of("events:PutRule", "events:DeleteRule", "events:DescribeRule", "events:PutTargets",
                        "events:RemoveTargets", "events:EnableRule", "events:DisableRule", "events:TagResource",
                        "events:UntagResource"),
                        scoped.apply(new String[] {arn + "events" + here + "rule/{prefix}*"}))),
                // named parameters under /<project>/ as well as the stack-prefixed names
                sid("Parameters", allow(List.of("ssm:PutParameter", "ssm:DeleteParameter", "ssm:GetParameter",
                        "ssm:GetParameters", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource", "ssm:ListTagsForResource"),
                        concat(scoped.apply(new String[] {arn + "ssm" + here + "parameter/{prefix}*"}),
                                Cfn.sub(arn + "ssm" + here + "parameter/" + project + "/*")))),
                // mappings are named by UUID: no name to scope by; the function they point at is the service's own
                sid("EventSourceMappings", allow(List.of("lambda:CreateEventSourceMapping", "lambda:GetEventSourceMapping",
                        "lambda:UpdateEventSourceMapping", "lambda:DeleteEventSourceMapping"),
                        Cfn.sub(arn + "lambda" + here + "event-source-mapping:*"))));
    }

    private static List<Object> concat(List<Object> first, Object more) {
        List<Object> all = new java.util.ArrayList<>(first);
        all.add(more);
        return all;
    }

    private static Map<String, Object> sid(String sid, Map<String, Object> statement) {
        Map<String, Object> withSid = map("Sid", sid);
        withSid.putAll(statement);
        return withSid;
    }
}
