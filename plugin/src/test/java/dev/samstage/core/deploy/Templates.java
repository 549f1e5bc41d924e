package dev.samstage.core.deploy;

/** Small templates the deployment tests deploy; the Metadata controls are read by the local AWS (compat). */
final class Templates {

    private Templates() {
    }

    /** One topic; {@code extra} goes into Resources, {@code duration} > 0 makes the operation take that long. */
    static String topic(String displayName, String extra, int durationSeconds) {
        return """
                AWSTemplateFormatVersion: '2010-09-09'
                Description: orders
                Metadata:
                  SamstageCompat:
                    DurationSeconds: %d
                Parameters:
                  Stage:
                    Type: String
                    Default: dev
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      DisplayName: %s
                %s
                Outputs:
                  TopicArn:
                    Value: !Ref Topic
                  ApiUrl:
                    Value: !Sub "https://abc123defg.execute-api.${AWS::Region}.amazonaws.com/${Stage}"
                """.formatted(durationSeconds, displayName, extra.indent(2).stripTrailing());
    }

    static String topic(String displayName) {
        return topic(displayName, "", 0);
    }

    /** A resource the local AWS fails with {@code reason}. */
    static String failing(String logicalId, String reason) {
        return """
                %s:
                  Type: AWS::SQS::Queue
                  Metadata:
                    SamstageCompat:
                      FailWith: "%s"
                """.formatted(logicalId, reason);
    }
}
