package dev.samstage.maven;

import dev.samstage.core.packaging.FunctionCodeDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Builds the Maven modules a template names as function code before the project that packages
 * the template. In the {@code sam init} layout the template sits at the root and each
 * {@code CodeUri} is a module; a root aggregator pom is built first by Maven (it depends on
 * nothing), so without this its package goal would run before the functions were compiled.
 *
 * <p>The module named by {@code samstage.suiteModule} (the stage's suite) is built first too.</p>
 *
 * <p>Maven sorts the reactor again after lifecycle participants have run, so a dependency added
 * here orders the build. It is of type {@code pom} and scope {@code provided}: it orders the
 * build and puts nothing on any class path.</p>
 */
public class ReactorOrder extends AbstractMavenLifecycleParticipant {

    private static final String PLUGIN = "dev.samstage:samstage-maven-plugin";

    @Override
    public void afterProjectsRead(MavenSession session) {
        List<MavenProject> projects = session.getProjects();
        if (projects == null || projects.size() < 2) {
            return;
        }
        Map<Path, MavenProject> byDirectory = new HashMap<>();
        projects.forEach(p -> byDirectory.put(real(p.getBasedir().toPath()), p));
        for (MavenProject project : projects) {
            if (project.getPlugin(PLUGIN) == null) {
                continue;
            }
            template(project, session).ifPresent(template -> {
                for (Path directory : FunctionCodeDirectories.of(template)) {
                    buildFirst(project, byDirectory.get(real(directory)));
                }
            });
            if (template(project, session).isPresent()) {
                setting(project, session, "suiteModule").ifPresent(suite -> projects.stream()
                        .filter(p -> p.getArtifactId().equals(suite)).findFirst()
                        .ifPresent(module -> buildFirst(project, module)));
            }
        }
    }

    /** An ordering dependency: {@code module} is built before {@code project}, nothing goes on a class path. */
    private static void buildFirst(MavenProject project, MavenProject module) {
        if (module == null || module == project || dependsOn(project, module) || inherits(module, project)) {
            return; // a module whose parent is the project is built after it whatever we add: Maven builds parents first
        }
        Dependency order = new Dependency();
        order.setGroupId(module.getGroupId());
        order.setArtifactId(module.getArtifactId());
        order.setVersion(module.getVersion());
        order.setType("pom");
        order.setScope("provided");
        project.getModel().addDependency(order);
    }

    /** A goal parameter as {@code -Dsamstage.<name>} or the plugin's {@code <configuration>} sets it. */
    private static Optional<String> setting(MavenProject project, MavenSession session, String name) {
        String value = session.getUserProperties().getProperty("samstage." + name);
        if (value == null && project.getPlugin(PLUGIN).getConfiguration() instanceof Xpp3Dom configuration
                && configuration.getChild(name) != null) {
            value = configuration.getChild(name).getValue();
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private static Optional<Path> template(MavenProject project, MavenSession session) {
        Path basedir = project.getBasedir().toPath();
        String explicit = setting(project, session, "template").orElse(null);
        if (explicit != null) {
            Path file = basedir.resolve(explicit).normalize();
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        return AbstractStageMojo.TEMPLATE_NAMES.stream().map(basedir::resolve).filter(Files::isRegularFile).findFirst();
    }

    private static boolean inherits(MavenProject module, MavenProject project) {
        for (MavenProject parent = module.getParent(); parent != null; parent = parent.getParent()) {
            if (parent.getBasedir() != null && parent.getBasedir().equals(project.getBasedir())) {
                return true;
            }
        }
        return false;
    }

    private static boolean dependsOn(MavenProject project, MavenProject module) {
        return project.getDependencies().stream().anyMatch(d -> d.getGroupId().equals(module.getGroupId())
                && d.getArtifactId().equals(module.getArtifactId()));
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
