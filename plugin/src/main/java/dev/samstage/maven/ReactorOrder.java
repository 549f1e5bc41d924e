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
                    MavenProject module = byDirectory.get(real(directory));
                    if (module != null && module != project && !dependsOn(project, module)) {
                        Dependency order = new Dependency();
                        order.setGroupId(module.getGroupId());
                        order.setArtifactId(module.getArtifactId());
                        order.setVersion(module.getVersion());
                        order.setType("pom");
                        order.setScope("provided");
                        project.getModel().addDependency(order);
                    }
                }
            });
        }
    }

    private static Optional<Path> template(MavenProject project, MavenSession session) {
        Path basedir = project.getBasedir().toPath();
        String explicit = session.getUserProperties().getProperty("samstage.template");
        if (explicit == null && project.getPlugin(PLUGIN).getConfiguration() instanceof Xpp3Dom configuration
                && configuration.getChild("template") != null) {
            explicit = configuration.getChild("template").getValue();
        }
        if (explicit != null) {
            Path file = basedir.resolve(explicit).normalize();
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        return AbstractStageMojo.TEMPLATE_NAMES.stream().map(basedir::resolve).filter(Files::isRegularFile).findFirst();
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
