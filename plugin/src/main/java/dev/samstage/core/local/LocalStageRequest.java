package dev.samstage.core.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the local stage needs to start.
 *
 * @param templateFile        the SAM template ({@code template.yaml})
 * @param projectClasspath    the project's runtime class path (classes directory first, then
 *                            runtime jars): the code of functions whose {@code CodeUri} is
 *                            {@code .} or absent
 * @param stageName           the stage name handlers see in {@code requestContext.stage}
 * @param port                the port to listen on, 0 for any free port
 * @param parameterOverrides  template parameter values that replace their defaults
 * @param passCredentials     whether handlers get the caller's AWS credentials (as
 *                            {@code AWS_ACCESS_KEY_ID}, ...), standing in for the function
 *                            role's; without it they get none
 * @param projectDir          the project's directory: a {@code CodeUri} naming it (from a template
 *                            elsewhere, e.g. one level up) is the project's own code, as in packaging
 * @param moduleClasspaths    the runtime class paths of the build's other Maven modules, by directory:
 *                            a {@code CodeUri} naming a module runs that module's build, never its sources
 */
public record LocalStageRequest(Path templateFile, List<Path> projectClasspath, String stageName, int port,
                                Map<String, String> parameterOverrides, boolean passCredentials, Path projectDir,
                                Map<Path, List<Path>> moduleClasspaths) {

    /** A request for a project whose template sits in its own directory, built on its own. */
    public LocalStageRequest(Path templateFile, List<Path> projectClasspath, String stageName, int port,
                             Map<String, String> parameterOverrides, boolean passCredentials) {
        this(templateFile, projectClasspath, stageName, port, parameterOverrides, passCredentials,
                templateFile.toAbsolutePath().getParent(), Map.of());
    }

    /** A request whose handlers get no AWS credentials. */
    public LocalStageRequest(Path templateFile, List<Path> projectClasspath, String stageName, int port,
                             Map<String, String> parameterOverrides) {
        this(templateFile, projectClasspath, stageName, port, parameterOverrides, false);
    }

    public LocalStageRequest {
        Objects.requireNonNull(templateFile, "templateFile");
        projectClasspath = List.copyOf(Objects.requireNonNull(projectClasspath, "projectClasspath"));
        if (stageName == null || stageName.isBlank()) {
            throw new IllegalArgumentException("stageName must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, got " + port);
        }
        parameterOverrides = Map.copyOf(parameterOverrides == null ? Map.of() : parameterOverrides);
        Objects.requireNonNull(projectDir, "projectDir");
        moduleClasspaths = Map.copyOf(Objects.requireNonNull(moduleClasspaths, "moduleClasspaths"));
    }
}
