package dev.samstage.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stage resolves a function's CodeUri as packaging does: against the template's directory. */
class LocalFunctionCodeTest {

    @TempDir
    Path root;

    private static LocalFunction function(String codeUri) {
        return new LocalFunction("HelloWorldFunction", "helloworld.App::handleRequest", codeUri, "java21", 3, 128, Map.of());
    }

    private LocalStageRequest request(Path projectDir, List<Path> classpath, Map<Path, List<Path>> modules) {
        return new LocalStageRequest(root.resolve("template.yaml"), classpath, "local", 0, Map.of(), false, projectDir,
                modules);
    }

    @Test
    void aTemplateOneLevelUpNamingTheProjectRunsTheProjectsBuild() throws IOException {
        Path projectDir = Files.createDirectories(root.resolve("HelloWorldFunction/src/main/java")).getParent()
                .getParent().getParent();
        Path classes = Files.createDirectories(root.resolve("HelloWorldFunction/target/classes"));

        try (LocalFunctionCode code = LocalFunctionCode.of(function("HelloWorldFunction"), root,
                request(projectDir, List.of(classes), Map.of()))) {
            assertThat(code.classpath()).containsExactly(classes);
        }
    }

    @Test
    void aCodeUriNamingAnotherModuleRunsThatModulesBuild() throws IOException {
        Path module = Files.createDirectories(root.resolve("HelloWorldFunction"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Path classes = Files.createDirectories(module.resolve("target/classes"));

        try (LocalFunctionCode code = LocalFunctionCode.of(function("HelloWorldFunction"), root,
                request(root, List.of(), Map.of(module, List.of(classes))))) {
            assertThat(code.classpath()).containsExactly(classes);
        }
    }

    @Test
    void aModuleTheBuildDoesNotBuildIsRefusedNotRunFromItsSources() throws IOException {
        Path module = Files.createDirectories(root.resolve("HelloWorldFunction"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");

        assertThatThrownBy(() -> LocalFunctionCode.of(function("HelloWorldFunction"), root,
                request(root, List.of(), Map.of())))
                .isInstanceOf(LocalStageException.class)
                .hasMessage("Function HelloWorldFunction: CodeUri HelloWorldFunction is a Maven module ("
                        + module.toRealPath().resolve("pom.xml") + ") that this build does not build, and its sources are"
                        + " no Lambda code; list it in the <modules> of the pom that runs samstage and run the stage from"
                        + " there");
    }
}
