package dev.samstage.testing.faults;

import dev.samstage.core.packaging.JavaBuildOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A SAM project with many distinct artifacts (functions, layers, a state machine definition,
 * a nested template with its own function and the project's own Java build), so a packaging
 * run makes enough requests for injected faults to hit several of them.
 */
final class ManyArtifactsProject {

    static final int FUNCTIONS = 12;

    final Path dir;

    private ManyArtifactsProject(Path dir) {
        this.dir = dir;
    }

    static ManyArtifactsProject create(Path dir) {
        ManyArtifactsProject project = new ManyArtifactsProject(dir);
        StringBuilder template = new StringBuilder("""
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Description: many artifacts
                Resources:
                  JavaFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: com.example.Handler::handleRequest
                      Runtime: java21
                  Flow:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      DefinitionUri: statemachine/flow.asl.json
                  Child:
                    Type: AWS::Serverless::Application
                    Properties:
                      Location: nested/child.yaml
                """);
        for (int i = 0; i < FUNCTIONS; i++) {
            project.file("functions/f" + i + "/app.py", "def handler(event, context):\n    return " + i + "\n");
            template.append("""
                      Function%d:
                        Type: AWS::Serverless::Function
                        Properties:
                          CodeUri: functions/f%d
                          Handler: app.handler
                          Runtime: python3.12
                    """.formatted(i, i));
        }
        for (int i = 0; i < 3; i++) {
            project.file("layers/l" + i + "/python/shared" + i + ".py", "VALUE = " + i + "\n");
            template.append("""
                      Layer%d:
                        Type: AWS::Serverless::LayerVersion
                        Properties:
                          ContentUri: layers/l%d
                    """.formatted(i, i));
        }
        project.file("statemachine/flow.asl.json", "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}");
        project.file("nested/child.yaml", """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ChildFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: code
                      Handler: app.handler
                      Runtime: python3.12
                """);
        project.file("nested/code/app.py", "def handler(event, context):\n    return 'child'\n");
        project.file("target/classes/com/example/Handler.class", "compiled");
        project.file("target/lib/dependency-1.0.jar", "a jar");
        project.file("template.yaml", template.toString());
        return project;
    }

    /** Distinct objects one packaging run uploads: functions, layers, definition, Java code, child code, child template. */
    static int distinctArtifacts() {
        return FUNCTIONS + 3 + 1 + 1 + 1 + 1;
    }

    Path template() {
        return dir.resolve("template.yaml");
    }

    JavaBuildOutput javaBuild() {
        return JavaBuildOutput.of(dir.resolve("target/classes"), List.of(dir.resolve("target/lib/dependency-1.0.jar")));
    }

    void file(String relative, String content) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
