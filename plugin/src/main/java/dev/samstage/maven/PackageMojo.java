package dev.samstage.maven;

import dev.samstage.core.config.ConfigException;
import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.packaging.ArtifactStore;
import dev.samstage.core.packaging.JavaBuildOutput;
import dev.samstage.core.packaging.LocalArtifactStore;
import dev.samstage.core.packaging.PackageRequest;
import dev.samstage.core.packaging.PackageResult;
import dev.samstage.core.packaging.StagePackager;
import dev.samstage.core.traffic.DeploymentPreferenceWriter;
import dev.samstage.core.traffic.TrafficPolicy;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the service (the default lifecycle up to {@code package}, tests included), then
 * packages every artifact the SAM template refers to: deterministic zips named by content
 * hash, uploaded once to the stage's artifact bucket (SSE-KMS with the stage's key), and
 * writes {@code target/samstage/<env>/packaged-template.yaml} plus a manifest. For
 * {@code -Denv=local} the artifacts stay under {@code target/samstage/local/artifacts}.
 *
 * <p>{@code -Dsamstage.bucket}, {@code -Dsamstage.prefix} and {@code -Dsamstage.kmsKeyId}
 * override the stage's settings; {@code -Dsamstage.template} selects another template.</p>
 */
@Mojo(name = "package", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PACKAGE)
public class PackageMojo extends AbstractStageMojo {

    /** The project as the forked build left it (its artifact file is the built jar). */
    @Parameter(defaultValue = "${executedProject}", readonly = true)
    protected org.apache.maven.project.MavenProject executedProject;

    /**
     * In a module that is not a SAM app (a library, a function module of a multi-module service)
     * the fork still built its jar, which the modules after it depend on.
     */
    @Override
    protected void skipped() {
        keepBuiltJar();
    }

    /** The fork built the jar on a copy of the project: later goals and modules need it too. */
    private org.apache.maven.project.MavenProject keepBuiltJar() {
        org.apache.maven.project.MavenProject built = executedProject != null ? executedProject : project;
        File builtJar = built.getArtifact() == null ? null : built.getArtifact().getFile();
        if (built != project && builtJar != null) {
            project.getArtifact().setFile(builtJar);
        }
        return built;
    }

    @Override
    protected void execute(Environment stage, Path template, StageListener listener) throws MojoExecutionException {
        org.apache.maven.project.MavenProject built = keepBuiltJar();
        Path outputDir = stageOutputDir(stage);
        PackageResult result;
        if (stage.isLocal()) {
            result = packageWith(new LocalArtifactStore(outputDir.resolve("artifacts")), "local", stage, template, built, listener);
        } else {
            String region = stage.region().orElseThrow(() -> new ConfigException("Stage " + stage.name()
                    + " has no region: set <region> in its <environment> or -Dsamstage.region."));
            String bucket = stage.bucketFor(region).orElseThrow(() -> new ConfigException("Stage " + stage.name()
                    + " has no artifact bucket: set <bucket> in its <environment> or -Dsamstage.bucket."));
            // artifacts go to the build account's bucket, with the build's own credentials; in package-stage
            // the validate goal started the store while the service was being built
            try (EarlyArtifactStores.StoreLease lease = EarlyArtifactStores.take(session.getRequest(), region, awsEndpoint())) {
                result = packageWith(lease.store(), bucket, stage, template, built, listener);
            }
        }
        result.templateUrl().ifPresent(url -> listener.on(StageEvent.info("Template over 51,200 bytes: deployed from " + url)));
    }

    private PackageResult packageWith(ArtifactStore store, String bucket, Environment stage, Path template,
            org.apache.maven.project.MavenProject built, StageListener listener) {
        // the stage decides how traffic shifts, not hand edits of the template (local runs have no traffic to shift)
        TrafficPolicy policy = stage.isLocal() ? null : TrafficPolicy.of(stage);
        PackageRequest request = new PackageRequest(template, project.getBasedir().toPath(), stageOutputDir(stage),
                javaBuildOutput(built, project.getArtifacts()), bucket, stage.prefix(), stage.kmsKey(),
                edited -> {
                    if (policy != null) {
                        new DeploymentPreferenceWriter(listener).apply(edited, policy);
                    }
                }, reactorModules());
        return new StagePackager(store, listener).packageTemplate(request);
    }

    /**
     * What the build's other modules built, by directory, for functions whose {@code CodeUri} is a
     * module ({@link ReactorOrder} has them built first).
     */
    private Map<Path, JavaBuildOutput> reactorModules() {
        Map<Path, JavaBuildOutput> modules = new HashMap<>();
        for (org.apache.maven.project.MavenProject module : session.getProjects()) {
            if (module != project && !"pom".equals(module.getPackaging())) {
                modules.put(module.getBasedir().toPath(), javaBuildOutput(module, module.getArtifacts()));
            }
        }
        return modules;
    }

    /**
     * The classes plus runtime jars (Lambda's {@code lib/} layout), or the shaded jar when the build makes one.
     * The dependencies come from the project this goal resolved ({@code requiresDependencyResolution}), not from
     * the forked build's copy: a fork whose last goals need no resolution (copy-resources at package, as a
     * PostTraffic hook's assembly does) leaves that copy's artifact set empty, and the function would ship
     * without its {@code lib/}.
     */
    static JavaBuildOutput javaBuildOutput(org.apache.maven.project.MavenProject built, java.util.Set<Artifact> dependencies) {
        File jar = built.getArtifact() == null ? null : built.getArtifact().getFile();
        boolean shades = built.getBuildPlugins().stream().anyMatch(p -> "maven-shade-plugin".equals(p.getArtifactId()));
        if (shades && jar != null && jar.isFile()) {
            return JavaBuildOutput.shaded(jar.toPath());
        }
        Path classes = Path.of(built.getBuild().getOutputDirectory());
        if (!Files.isDirectory(classes)) {
            return JavaBuildOutput.none();
        }
        List<Path> jars = new ArrayList<>();
        for (Artifact a : dependencies) {
            boolean runtime = Artifact.SCOPE_COMPILE.equals(a.getScope()) || Artifact.SCOPE_RUNTIME.equals(a.getScope());
            if (runtime && a.getFile() != null && a.getFile().getName().endsWith(".jar")) {
                jars.add(a.getFile().toPath());
            }
        }
        return JavaBuildOutput.of(classes, jars);
    }
}
