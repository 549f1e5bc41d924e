package dev.samstage.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.events.StageListener;
import dev.samstage.testing.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A function's CodeUri naming a Maven module, as in the layout `sam init` creates. */
class ModuleCodeUriTest {

    @TempDir
    Path root;

    @Test
    void aCodeUriNamingAModuleIsPackagedFromTheModulesBuildNotItsSources() throws IOException {
        Path module = samInitModule();
        Path classes = write(module.resolve("target/classes/helloworld/App.class"), "compiled");
        Path dependency = write(root.resolve("repo/aws-lambda-java-core-1.3.0.jar"), "jar");
        JavaBuildOutput built = JavaBuildOutput.of(module.resolve("target/classes"), List.of(dependency));

        PackageResult result = pack("HelloWorldFunction", Map.of(module, built));

        Path zip = Path.of(java.net.URI.create(result.artifacts().get(0).s3Uri()));
        List<String> names = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            file.stream().forEach(entry -> names.add(entry.getName()));
        }
        assertThat(classes).exists();
        assertThat(names).contains("helloworld/App.class", "lib/aws-lambda-java-core-1.3.0.jar")
                .noneMatch(name -> name.equals("pom.xml") || name.startsWith("src/") || name.startsWith("target/"));
    }

    @Test
    void aModuleThisBuildDoesNotBuildIsRefusedInOneLine() throws IOException {
        samInitModule();

        assertThatThrownBy(() -> pack("HelloWorldFunction", Map.of()))
                .isInstanceOf(PackagingException.class)
                .hasMessage("template.yaml: HelloWorldFunction (AWS::Serverless::Function) property CodeUri ="
                        + " 'HelloWorldFunction': the directory is a Maven module (HelloWorldFunction/pom.xml) that this"
                        + " build does not build, and its sources are no Lambda code; build it in the same run: list it in"
                        + " the <modules> of the pom that runs samstage (for the 'sam init' layout, a root pom with the"
                        + " function directories as modules), or set CodeUri to its built jar.");
    }

    @Test
    void aModuleWithoutBuildOutputIsRefusedInOneLine() throws IOException {
        Path module = samInitModule();

        assertThatThrownBy(() -> pack("HelloWorldFunction", Map.of(module, JavaBuildOutput.none())))
                .isInstanceOf(PackagingException.class)
                .hasMessageEndingWith("the Maven module HelloWorldFunction has no build output (no target/classes, no"
                        + " shaded jar); build it first: run package-stage from the root pom, so Maven builds the module"
                        + " before packaging.");
    }

    @Test
    void javaSourcesOutsideAnyModuleAreRefusedInOneLine() throws IOException {
        write(root.resolve("gradle-function/src/main/java/helloworld/App.java"), "class App {}");

        assertThatThrownBy(() -> pack("gradle-function", Map.of()))
                .isInstanceOf(PackagingException.class)
                .hasMessageEndingWith("the directory holds Java sources (src/main/java) but is no Maven module of this"
                        + " build, and Lambda cannot run sources; point CodeUri at a Maven module of the build, or at built"
                        + " code (a jar, or a directory of classes with its dependency jars in lib/).");
    }

    @Test
    void theTemplateNamesItsFunctionCodeDirectoriesForTheBuildToOrderModules() throws IOException {
        samInitModule();
        Path template = write(root.resolve("template.yaml"), helloWorld("HelloWorldFunction"));

        assertThat(FunctionCodeDirectories.of(template)).containsExactly(root.resolve("HelloWorldFunction"));
    }

    private Path samInitModule() throws IOException {
        Path module = root.resolve("HelloWorldFunction");
        write(module.resolve("pom.xml"), "<project/>");
        write(module.resolve("src/main/java/helloworld/App.java"), "package helloworld; class App {}");
        return module;
    }

    private PackageResult pack(String codeUri, Map<Path, JavaBuildOutput> modules) throws IOException {
        write(root.resolve("template.yaml"), helloWorld(codeUri));
        return new StagePackager(new LocalArtifactStore(root.resolve("target/artifacts")), StageListener.IGNORE)
                .packageTemplate(new PackageRequest(root.resolve("template.yaml"), root,
                        root.resolve("target/samstage/local"), JavaBuildOutput.none(), "local", "", Optional.empty(),
                        template -> { }, modules));
    }

    private static String helloWorld(String codeUri) {
        return SamTemplate.sam().function("HelloWorldFunction", codeUri, "helloworld.App::handleRequest", "java21").yaml();
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
