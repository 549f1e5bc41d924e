package dev.samstage.core.deploy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StackFailureTest {

    @RegisterExtension
    final LocalAwsStage stage = new LocalAwsStage();

    @Test
    void followsAFailedNestedStackToTheResourceThatFailedInside() {
        String nested = """
                Api:
                  Type: AWS::CloudFormation::Stack
                  Properties:
                    TemplateURL: https://s3.amazonaws.com/orders-artifacts/api.template
                  Metadata:
                    SamstageCompat:
                      FailWith: "Resource handler returned message: Invalid method integration"
                      FailedResource: GetOrders
                      FailedResourceType: AWS::ApiGateway::Method
                """;
        Path template = stage.template(Templates.topic("v1", nested, 0));

        assertThatThrownBy(() -> stage.deployer().deploy(stage.request(LocalAwsStage.dev().build(), template)))
                .isInstanceOf(StackFailedException.class)
                .hasMessage("Stack orders-dev in us-east-1 ended in ROLLBACK_COMPLETE: nested stack Api > GetOrders "
                        + "(AWS::ApiGateway::Method) CREATE_FAILED: Resource handler returned message: Invalid method "
                        + "integration; the next deploy deletes the stack and creates it again. Fix the cause and deploy again.");
    }

    @Test
    void aResourceTheServiceRejectsFailsTheStackWithTheServiceMessage() {
        String function = """
                Fn:
                  Type: AWS::Lambda::Function
                  Properties:
                    Runtime: java21
                    Handler: orders.Handler::handleRequest
                    Role: arn:aws:iam::111111111111:role/does-not-exist
                    Code:
                      ZipFile: "x"
                """;
        Path template = stage.template(Templates.topic("v1", function, 0));

        assertThatThrownBy(() -> stage.deployer().deploy(stage.request(LocalAwsStage.dev().build(), template)))
                .isInstanceOf(StackFailedException.class)
                .hasMessageStartingWith("Stack orders-dev in us-east-1 ended in ROLLBACK_COMPLETE: Fn (AWS::Lambda::Function) "
                        + "CREATE_FAILED: Resource handler returned message: ")
                .hasMessageEndingWith("; the next deploy deletes the stack and creates it again. Fix the cause and deploy again.");
    }
}
