package dev.samstage.maven;

import dev.samstage.core.config.Environment;
import dev.samstage.core.local.LocalStage;
import dev.samstage.core.local.LocalStageRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/**
 * Local stages started by {@code deploy} in this build, kept for {@code verify} in the same
 * build (the plugin's class realm lives as long as the build). Stopped by whoever ends them,
 * or with the JVM.
 */
final class LocalStages {

    private static final Map<String, LocalStage> RUNNING = new ConcurrentHashMap<>();

    private LocalStages() {
    }

    /**
     * What a goal starts the local stage with: the project's class path, and for functions whose
     * {@code CodeUri} names another module of the build, that module's (as packaging resolves them).
     */
    static LocalStageRequest request(MavenProject project, MavenSession session, Path template, Environment stage,
                                     int port, boolean passCredentials) throws MojoExecutionException {
        return new LocalStageRequest(template, ProjectClasspaths.runtimeClasspath(project), stage.name(), port,
                stage.parameterOverrides(), passCredentials, project.getBasedir().toPath(),
                ProjectClasspaths.reactorClasspaths(session, project));
    }

    static void register(MavenProject project, LocalStage stage) {
        LocalStage previous = RUNNING.put(project.getId(), stage);
        if (previous != null) {
            previous.close();
        }
    }

    static Optional<LocalStage> running(MavenProject project) {
        return Optional.ofNullable(RUNNING.get(project.getId()));
    }

    static void stop(MavenProject project) {
        LocalStage stage = RUNNING.remove(project.getId());
        if (stage != null) {
            stage.close();
        }
    }
}
