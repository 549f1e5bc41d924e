package dev.samstage.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.packaging.JavaBuildOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageMojoTest {

    @TempDir
    Path dir;

    @Test
    void aFunctionBuiltByTheProjectGetsTheResolvedRuntimeJarsEvenWhenTheForkedCopyHasNone() throws IOException {
        // the forked build's copy of the project: classes built, its artifact set left empty by the fork
        MavenProject forked = project(Files.createDirectories(dir.resolve("classes")));
        Artifact core = artifact("aws-lambda-java-core", Artifact.SCOPE_COMPILE, Files.writeString(dir.resolve("core.jar"), "jar"));
        Artifact junit = artifact("junit-jupiter", Artifact.SCOPE_TEST, Files.writeString(dir.resolve("junit.jar"), "jar"));

        JavaBuildOutput output = PackageMojo.javaBuildOutput(forked, Set.of(core, junit));

        assertThat(forked.getArtifacts()).isEmpty();
        assertThat(output.classesDir()).isEqualTo(dir.resolve("classes"));
        assertThat(output.runtimeJars()).containsExactly(dir.resolve("core.jar"));
    }

    private static MavenProject project(Path classes) {
        Model model = new Model();
        Build build = new Build();
        build.setOutputDirectory(classes.toString());
        model.setBuild(build);
        return new MavenProject(model);
    }

    private static Artifact artifact(String id, String scope, Path file) {
        DefaultArtifact artifact = new DefaultArtifact("example", id, "1.0", scope, "jar", null, new DefaultArtifactHandler("jar"));
        artifact.setFile(file.toFile());
        return artifact;
    }
}
