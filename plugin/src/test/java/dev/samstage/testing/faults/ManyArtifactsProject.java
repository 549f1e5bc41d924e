package dev.samstage.testing.faults;

import dev.samstage.core.packaging.JavaBuildOutput;
import dev.samstage.testing.SamTemplate;
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
        SamTemplate template = SamTemplate.sam()
                .resource("JavaFunction", "AWS::Serverless::Function", "Handler: com.example.Handler::handleRequest",
                        "Runtime: java21")
                .resource("Flow", "AWS::Serverless::StateMachine", "DefinitionUri: statemachine/flow.asl.json")
                .resource("Child", "AWS::Serverless::Application", "Location: nested/child.yaml");
        for (int i = 0; i < FUNCTIONS; i++) {
            project.file("functions/f" + i + "/app.py", "def handler(event, context):\n    return " + i + "\n");
            template.function("Function" + i, "functions/f" + i, "app.handler", "python3.12");
        }
        for (int i = 0; i < 3; i++) {
            project.file("layers/l" + i + "/python/shared" + i + ".py", "VALUE = " + i + "\n");
            template.resource("Layer" + i, "AWS::Serverless::LayerVersion", "ContentUri: layers/l" + i);
        }
        project.file("statemachine/flow.asl.json", "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}");
        project.file("nested/child.yaml", SamTemplate.sam().function("ChildFunction", "code", "app.handler", "python3.12").yaml());
        project.file("nested/code/app.py", "def handler(event, context):\n    return 'child'\n");
        project.file("target/classes/com/example/Handler.class", "compiled");
        project.file("target/lib/dependency-1.0.jar", "a jar");
        project.file("template.yaml", template.yaml());
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
