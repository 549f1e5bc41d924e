package dev.samstage.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stage's outputs.json carries the template's outputs that resolve locally. */
class LocalOutputsTest {

    private static final URI ENDPOINT = URI.create("http://127.0.0.1:3000/");

    @TempDir
    Path dir;

    @Test
    void apiUrlsPointAtTheLocalGatewayAndRefsAndParametersResolveAsSamLocalDoes() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Greeting: {Type: String, Default: Hello}
                Resources:
                  Admin: {Type: AWS::Serverless::Api, Properties: {StageName: v1}}
                  Orders:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handle
                      Runtime: java21
                      Events:
                        Get: {Type: Api, Properties: {Path: /orders, Method: get}}
                        Http: {Type: HttpApi, Properties: {Path: /items, Method: get}}
                Outputs:
                  ApiUrl:
                    Value: !Sub "https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/orders/"
                  HttpApiUrl:
                    Value: !Sub "https://${ServerlessHttpApi}.execute-api.${AWS::Region}.amazonaws.com/items"
                  AdminUrl:
                    Value: !Sub "https://${Admin}.execute-api.${AWS::Region}.amazonaws.com/v1"
                  FunctionName:
                    Value: !Ref Orders
                  Greeting:
                    Value: !Ref Greeting
                  FunctionArn:
                    Value: !GetAtt Orders.Arn
                """);

        Map<String, String> outputs = LocalOutputs.of(template, Map.of("Greeting", "Good morning"), ENDPOINT);

        assertThat(outputs).containsExactly(
                Map.entry("ApiUrl", "http://127.0.0.1:3000/orders/"),
                Map.entry("HttpApiUrl", "http://127.0.0.1:3000/items"),
                Map.entry("AdminUrl", "http://127.0.0.1:3000/"),
                Map.entry("FunctionName", "Orders"),
                Map.entry("Greeting", "Good morning"));
    }
}
