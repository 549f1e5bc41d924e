package dev.samstage.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/** The project's class paths as file paths, read from Maven's resolved model. */
final class ProjectClasspaths {

    private ProjectClasspaths() {
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

    /**
     * The runtime class paths of the build's other modules (those Maven built before this one), by
     * directory, for functions whose {@code CodeUri} names a module.
     */
    static Map<Path, List<Path>> reactorClasspaths(MavenSession session, MavenProject current) {
        Map<Path, List<Path>> modules = new HashMap<>();
        for (MavenProject module : session.getProjects()) {
            if (module == current || "pom".equals(module.getPackaging())) {
                continue;
            }
            try {
                modules.put(module.getBasedir().toPath(), existing(module.getRuntimeClasspathElements()));
            } catch (DependencyResolutionRequiredException e) {
                // not built before this project: a function naming it is refused by the local stage in one line
            }
        }
        return modules;
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
