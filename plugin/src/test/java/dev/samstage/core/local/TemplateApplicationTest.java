package dev.samstage.core.local;

import dev.samstage.core.validate.TemplateValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateApplicationTest {

    private static final String TEMPLATE = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          TableName:
            Type: String
            Default: orders
          Greeting:
            Type: String
            Default: Hello
        Globals:
          Function:
            Runtime: java21
            Timeout: 20
            MemorySize: 1024
            Handler: example.Default::handle
            Environment:
              Variables:
                GREETING: !Ref Greeting
                SHARED: from-globals
          Api:
            BinaryMediaTypes: ['image~1png']
        Resources:
          OrdersFunction:
            Type: AWS::Serverless::Function
            Properties:
              Handler: example.Orders::handleRequest
              Timeout: 5
              Environment:
                Variables:
                  TABLE: !Sub '${TableName}-${AWS::Region}'
                  QUEUE: !Ref OrdersQueue
                  ARN: !GetAtt OrdersQueue.Arn
                  SHARED: own
              Events:
                GetOrder:
                  Type: Api
                  Properties: {Path: '/orders/{id}', Method: get}
                Proxy:
                  Type: Api
                  Properties:
                    Path: /admin/{proxy+}
                    Method: any
                    RestApiId: !Ref AdminApi
          DefaultsFunction:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: build/defaults.zip
              Events:
                CatchAll:
                  Type: HttpApi
                Legacy:
                  Type: HttpApi
                  Properties: {Path: /legacy, Method: POST, PayloadFormatVersion: '1.0'}
          AdminApi:
            Type: AWS::Serverless::Api
            Properties:
              StageName: admin
              Variables: {color: blue}
              BinaryMediaTypes: ['application~1pdf']
          OrdersQueue:
            Type: AWS::SQS::Queue
        """;

    @TempDir
    Path dir;

    @Test
    void readsFunctionsWithGlobalsAndResolvedEnvironment() throws Exception {
        RecordingListener listener = new RecordingListener();
        LocalApplication app = read(TEMPLATE, Map.of("TableName", "orders-dev"), listener);

        LocalFunction orders = app.functions().get("OrdersFunction");
        assertThat(orders.handler()).isEqualTo("example.Orders::handleRequest");
        assertThat(orders.runtime()).isEqualTo("java21");
        assertThat(orders.timeoutSeconds()).isEqualTo(5);
        assertThat(orders.memoryMb()).isEqualTo(1024);
        assertThat(orders.codeUri()).isNull();
        assertThat(orders.environment()).containsOnly(
            Map.entry("GREETING", "Hello"), Map.entry("SHARED", "own"),
            Map.entry("TABLE", "orders-dev-eu-west-3"), Map.entry("QUEUE", "OrdersQueue"));
        assertThat(listener.messages(dev.samstage.core.events.StageEvent.Severity.WARN))
            .singleElement().asString().contains("function OrdersFunction environment variable ARN has no local value");

        LocalFunction defaults = app.functions().get("DefaultsFunction");
        assertThat(defaults.handler()).isEqualTo("example.Default::handle");
        assertThat(defaults.timeoutSeconds()).isEqualTo(20);
        assertThat(defaults.codeUri()).isEqualTo("build/defaults.zip");
    }

    @Test
    void readsRoutesOfBothApiKinds() throws Exception {
        LocalApplication app = read(TEMPLATE, Map.of(), new RecordingListener());

        assertThat(app.routes()).extracting(LocalRoute::describe).containsExactly(
            "GET /orders/{id} -> OrdersFunction (REST API)",
            "ANY /admin/{proxy+} -> OrdersFunction (REST API)",
            "$default -> DefaultsFunction (HTTP API)",
            "POST /legacy -> DefaultsFunction (HTTP API)");
        assertThat(app.routes()).extracting(LocalRoute::apiId)
            .containsExactly("ServerlessRestApi", "AdminApi", "ServerlessHttpApi", "ServerlessHttpApi");
        assertThat(app.routes()).extracting(LocalRoute::payload)
            .containsExactly(PayloadFormat.V1, PayloadFormat.V1, PayloadFormat.V2, PayloadFormat.V1);
        assertThat(app.stageVariablesOf("AdminApi")).containsExactly(Map.entry("color", "blue"));
        assertThat(app.binaryMediaTypesOf("AdminApi")).containsExactly("image~1png", "application~1pdf");
        assertThat(app.binaryMediaTypesOf("ServerlessRestApi")).containsExactly("image~1png");
    }

    @Test
    void theFunctionNameATemplateGivesIsKeptForLambdasInvokeApi() throws Exception {
        String template = """
            Parameters: {Stage: {Type: String, Default: dev}}
            Resources:
              OrderEvents:
                Type: AWS::Serverless::Function
                Properties: {Handler: a.B, FunctionName: !Sub 'orders-${Stage}-events'}
              Nightly:
                Type: AWS::Serverless::Function
                Properties: {Handler: a.C}
            """;

        LocalApplication app = read(template, Map.of("Stage", "local"), new RecordingListener());

        assertThat(app.functionNames()).containsExactly(Map.entry("OrderEvents", "orders-local-events"));
        assertThat(app.logicalIdsByName()).containsExactly(Map.entry("orders-local-events", "OrderEvents"));
    }

    @Test
    void apiEventWithoutPathFailsNamingTheProperty() {
        String template = """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.B
                  Events:
                    Get: {Type: Api, Properties: {Method: get}}
            """;
        assertThatThrownBy(() -> read(template, Map.of(), new RecordingListener()))
            .isInstanceOf(TemplateValidationException.class)
            .hasMessageEndingWith("template.yaml: Resources.Fn.Properties.Events.Get.Properties.Path is missing;"
                + " an Api event needs Path: /resource and Method: get");
    }

    @Test
    void apiPathFromAParameterWithoutValueHasNoLocalValue() {
        String template = """
            Parameters: {RoutePath: {Type: String}}
            Resources:
              Fn: {Type: AWS::Serverless::Function, Properties: {Handler: a.B, Events: {Get: {Type: Api,
                   Properties: {Path: !Ref RoutePath, Method: get}}}}}
            """;
        assertThatThrownBy(() -> read(template, Map.of(), new RecordingListener()))
            .isInstanceOf(LocalStageException.class)
            .hasMessageEndingWith("template.yaml: Resources.Fn.Properties.Events.Get.Properties.Path has no local value;"
                + " write a literal Path or give its parameter a value in the stage's <parameterOverrides>");
    }

    private LocalApplication read(String text, Map<String, String> overrides, RecordingListener listener) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, text);
        return TemplateApplication.read(file, overrides, "eu-west-3", listener);
    }

    static List<String> describe(List<LocalRoute> routes) {
        return routes.stream().map(LocalRoute::describe).toList();
    }
}
