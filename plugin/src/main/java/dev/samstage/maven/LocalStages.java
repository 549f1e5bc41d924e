package dev.samstage.maven;

import dev.samstage.core.local.LocalStage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
