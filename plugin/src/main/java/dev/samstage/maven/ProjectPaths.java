package dev.samstage.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/** The project's class paths as file paths, read from Maven's resolved model. */
final class ProjectPaths {

    private ProjectPaths() {
    }

    /** Classes directory first, then the runtime dependencies. */
    static List<Path> runtimeClasspath(MavenProject project) throws MojoExecutionException {
        try {
            return existing(project.getRuntimeClasspathElements());
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("The runtime class path of " + project.getId() + " is not resolved", e);
        }
    }

    /** Test classes, classes, then every test-scoped dependency. */
    static List<Path> testClasspath(MavenProject project) throws MojoExecutionException {
        try {
            return existing(project.getTestClasspathElements());
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("The test class path of " + project.getId() + " is not resolved", e);
        }
    }

    private static List<Path> existing(List<String> elements) {
        List<Path> paths = new ArrayList<>();
        for (String element : elements) {
            Path path = Path.of(element);
            if (Files.exists(path)) {
                paths.add(path);
            }
        }
        return paths;
    }
}
