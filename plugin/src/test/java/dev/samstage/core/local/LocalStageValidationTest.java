package dev.samstage.core.local;

import dev.samstage.core.validate.TemplateValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStageValidationTest {

    @TempDir
    Path dir;

    @Test
    void startsFromATemplateAndServesTheProjectClasspath() throws Exception {
        Path template = write("""
            Globals:
              Function:
                Environment:
                  Variables:
                    GREETING: !Ref Greeting
            Parameters:
              Greeting: {Type: String, Default: Hello}
            Resources:
              Greeter:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.samstage.core.local.fixtures.EchoRestHandler
                  CodeUri: .
                  Events:
                    Get: {Type: Api, Properties: {Path: '/greetings/{name}', Method: get}}
            """);
        var request = new LocalStageRequest(template, FunctionClasspath.withJackson(), "local", 0, Map.of("Greeting", "Hi"));
        try (LocalStage stage = LocalStage.start(request, new RecordingListener())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(stage.endpoint().resolve("greetings/ada")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(stage.routes()).extracting(LocalRoute::describe).containsExactly("GET /greetings/{name} -> Greeter (REST API)");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"GREETING\":\"Hi\"").contains("\"name\":\"ada\"");
        }
    }

    @Test
    void runsFunctionCodeFromAZipInLambdaLayout() throws Exception {
        Path zip = dir.resolve("function.zip");
        Path classes = FunctionClasspath.location(dev.samstage.core.local.fixtures.BinaryHandler.class);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            String entry = "dev/samstage/core/local/fixtures/BinaryHandler.class";
            out.putNextEntry(new ZipEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        }
        Path template = write("""
            Resources:
              Echo:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.samstage.core.local.fixtures.BinaryHandler::handle
                  CodeUri: function.zip
                  Events:
                    Post: {Type: HttpApi, Properties: {Path: /echo, Method: post}}
            """);
        try (LocalStage stage = LocalStage.start(new LocalStageRequest(template, List.of(), "local", 0, Map.of()), event -> { })) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(stage.endpoint().resolve("echo")).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("from a zip")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("from a zip");
        }
    }

    @Test
    void handlerClassThatDoesNotExistFailsBeforeStarting() throws Exception {
        Path template = write("""
            Resources:
              Orders:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: example.NoSuchHandler::handle
                  Events:
                    Get: {Type: Api, Properties: {Path: /orders, Method: get}}
            """);
        List<Path> classpath = FunctionClasspath.withJackson();

        assertThatThrownBy(() -> LocalStage.start(new LocalStageRequest(template, classpath, "local", 0, Map.of()), event -> { }))
            .isInstanceOf(HandlerNotFoundException.class)
            .hasMessageStartingWith("Function Orders: Handler example.NoSuchHandler::handle names class example.NoSuchHandler,"
                + " which is not on the function's class path [" + classpath.get(0))
            .hasMessageEndingWith("; build the project (mvn package) or fix Handler in the template")
            .message().doesNotContain("\n");
    }

    @Test
    void functionWithoutHandlerFailsBeforeStartingWithTheCheckOfEveryStage() throws Exception {
        Path template = write("""
            Resources:
              Orders:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: java21
                  Events:
                    Get: {Type: Api, Properties: {Path: /orders, Method: get}}
            """);

        assertThatThrownBy(() -> LocalStage.start(new LocalStageRequest(template, List.of(), "local", 0, Map.of()), event -> { }))
            .isInstanceOf(TemplateValidationException.class)
            .hasMessage(template + ": Resources.Orders.Properties.Handler is missing;"
                + " add Handler: pkg.Class::method to the function or to Globals.Function");
    }

    @Test
    void sameRouteOnTwoApisCollidesOnlyLocallyAndSaysWhy() throws Exception {
        Path template = write("""
            Resources:
              Admin: {Type: AWS::Serverless::Api, Properties: {StageName: v1}}
              First:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.samstage.core.local.fixtures.BinaryHandler::handle
                  Events:
                    Get: {Type: Api, Properties: {Path: /orders, Method: get}}
                    AdminGet: {Type: Api, Properties: {RestApiId: !Ref Admin, Path: /orders, Method: get}}
            """);

        assertThatThrownBy(() -> LocalStage.start(new LocalStageRequest(template, FunctionClasspath.withJackson(), "local", 0, Map.of()), event -> { }))
            .isInstanceOf(LocalStageException.class)
            .hasMessage(template + ": route GET /orders is declared by First.Get (ServerlessRestApi) and First.AdminGet (Admin);"
                + " the local stage serves every API on one host, so change the Path/Method of one of them or run one API per stage");
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, text);
        return file;
    }
}
