package dev.samstage.maven;

import dev.samstage.core.StageException;
import dev.samstage.core.config.Environment;
import dev.samstage.core.config.StagePropertyNames;
import dev.samstage.core.stage.PendingChangeSet;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.local.LocalStage;
import dev.samstage.core.stage.StageOutputs;
import dev.samstage.core.verify.SuiteRequest;
import dev.samstage.core.verify.ForkedSuiteResult;
import dev.samstage.core.verify.ForkedSuiteRunner;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Runs the service's own suite for the stage (JUnit tag {@code integration}, or
 * {@code sanity} in production) against the stage's endpoint, in a forked JVM on the
 * project's test class path. Writes JUnit XML to {@code target/samstage/<env>/test-reports/}
 * and fails the build on any failure or when the tag selects no test.
 */
@Mojo(name = "verify", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@Execute(phase = LifecyclePhase.TEST_COMPILE)
public class VerifyMojo extends AbstractStageMojo {

    /** What the suite needs to run when the service's test class path lacks it. */
    private static final Set<String> LAUNCHER_GROUPS = Set.of("dev.samstage", "org.junit.platform", "org.opentest4j", "org.apiguardian");

    /** The endpoint to test instead of the deployed stage's (for example a stage deployed by another build). */
    @Parameter(property = "samstage.endpoint")
    protected String endpoint;

    /** Port of the local stage this goal starts when {@code deploy} did not start one in this build. */
    @Parameter(property = "samstage.localPort", defaultValue = "0")
    protected int localPort;

    /**
     * The artifactId of the module of this build that holds the stage's suite (a test module of a
     * multi-module service); by default the project that runs this goal. The module is built
     * before this project ({@link ReactorOrder}) and its test class path runs the suite.
     */
    @Parameter(property = "samstage.suiteModule")
    protected String suiteModule;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    @Override
    protected void execute(Environment stage, Path template, StageListener listener)
            throws MojoExecutionException, MojoFailureException {
        Optional<PendingChangeSet> pending = stage.isLocal() || (endpoint != null && !endpoint.isBlank())
                ? Optional.empty() : PendingChangeSet.read(stageOutputDir(stage));
        if (pending.isPresent()) {
            // the stage still runs the previous version: testing it would report on what was not deployed
            getLog().warn("samstage: suite not run: nothing was executed on stage " + stage.name() + ", change set "
                    + pending.get().propertyValue() + " awaits approval; approve it (the pipeline's Approve-" + stage.name()
                    + " action executes it next) or run mvn deploy-stage -Denv=" + stage.name() + " -D"
                    + StagePropertyNames.CHANGE_SET + "=" + pending.get().propertyValue() + ".");
            return;
        }
        LocalStage startedHere = null;
        try {
            List<Target> targets;
            if (endpoint != null && !endpoint.isBlank()) {
                targets = List.of(new Target(null, Endpoints.parse(endpoint, "samstage.endpoint")));
            } else if (stage.isLocal()) {
                LocalStage running = LocalStages.running(project).orElse(null);
                if (running == null) {
                    running = startedHere = LocalStage.start(LocalStages.request(project, session, template, stage,
                            localPort, localPassCredentials), listener);
                }
                targets = List.of(new Target(null, running.endpoint(), running.lambdaEndpoint(), null));
            } else {
                targets = deployedTargets(stage);
            }
            List<String> failed = new ArrayList<>();
            for (Target target : targets) {
                Path reports = stageOutputDir(stage).resolve("test-reports");
                if (targets.size() > 1) {
                    reports = reports.resolve(target.region());
                }
                ForkedSuiteResult result = new ForkedSuiteRunner(listener).run(request(stage, target, reports));
                failure(stage, target, result).ifPresent(failed::add);
            }
            if (!failed.isEmpty()) {
                throw new MojoFailureException(String.join("; ", failed) + "; reports in "
                        + stageOutputDir(stage).resolve("test-reports"));
            }
        } finally {
            if (startedHere != null) {
                startedHere.close();
            }
            if (stage.isLocal()) {
                LocalStages.stop(project);
            }
        }
    }

    /** Where the suite runs: the stage's endpoint in one region (region null when there is only one). */
    private record Target(String region, URI endpoint, URI lambdaEndpoint, String stackName) {
        Target(String region, URI endpoint) {
            this(region, endpoint, null, null);
        }
    }

    /** The endpoints the last deploy of the stage wrote, one per region. */
    private List<Target> deployedTargets(Environment stage) {
        Path dir = stageOutputDir(stage);
        List<StageOutputs> regions = StageOutputs.read(dir);
        if (regions.isEmpty()) {
            throw new StageException("No endpoint for stage " + stage.name() + ": " + dir.resolve(StageOutputs.FILE_NAME)
                    + " is missing; run mvn deploy-stage -Denv=" + stage.name() + " or pass -Dsamstage.endpoint=<url>.");
        }
        List<Target> targets = new ArrayList<>();
        for (StageOutputs outputs : regions) {
            if (outputs.endpointUri().isEmpty()) {
                // a service without an API is tested through its functions, which the kit finds in the stack
                getLog().warn("samstage: stack " + outputs.stackName() + " in " + outputs.region() + " has no API endpoint"
                        + " (no ApiUrl output and no API in the template): the suite gets no samstage.endpoint, only the"
                        + " stack to invoke its functions in; if the service has an API, add an output with its URL or pass"
                        + " -Dsamstage.endpoint=<url>.");
                targets.add(new Target(outputs.region(), null, null, outputs.stackName()));
                continue;
            }
            targets.add(new Target(regions.size() > 1 ? outputs.region() : null, outputs.endpointUri().get()));
        }
        return targets;
    }

    private SuiteRequest request(Environment stage, Target target, Path reports) throws MojoExecutionException {
        MavenProject suite = suiteProject();
        Path testClasses = Path.of(suite.getBuild().getTestOutputDirectory());
        if (!Files.isDirectory(testClasses)) {
            throw new StageException("No compiled tests in " + testClasses + ": the stage's suite (JUnit tag '" + stage.suiteTag()
                    + "') lives in src/test/java" + (suite == project ? "" : " of module " + suite.getArtifactId())
                    + "; add tests tagged '" + stage.suiteTag() + "'" + (suite == project
                    ? ", or name the module that holds them with -Dsamstage.suiteModule=<artifactId>." : "."));
        }
        List<Path> classpath = ProjectClasspaths.testClasspath(suite);
        Map<String, String> properties = new TreeMap<>(stageOverrides());
        properties.remove("samstage.endpoint");
        awsEndpoint().ifPresent(uri -> properties.put("samstage.endpointUrl", uri.toString()));
        if (target.region() != null) {
            properties.put("samstage.region", target.region());
        }
        if (target.stackName() != null) {
            properties.put(StagePropertyNames.STACK_NAME, target.stackName());
        }
        if (target.lambdaEndpoint() != null) {
            // the kit's StageFunctions invoke the local stage's functions there
            properties.put(StagePropertyNames.LAMBDA_ENDPOINT, target.lambdaEndpoint().toString());
        }
        return new SuiteRequest(stage.name(), target.endpoint(), testClasses, classpath, launcherJars(), stage.suiteTag(),
                reports, properties,
                Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** The project whose tests are the suite: {@link #suiteModule}, or this one. */
    private MavenProject suiteProject() {
        if (suiteModule == null || suiteModule.isBlank()) {
            return project;
        }
        return session.getProjects().stream().filter(p -> p.getArtifactId().equals(suiteModule)).findFirst()
                .orElseThrow(() -> new StageException("-Dsamstage.suiteModule=" + suiteModule + " names no module of this"
                        + " build (its modules: " + session.getProjects().stream().map(MavenProject::getArtifactId)
                        .collect(Collectors.joining(", ")) + "); name the artifactId of the module that holds the suite,"
                        + " and run the build from the pom that lists it."));
    }

    /** The plugin's own copies of the kit and the JUnit Platform launcher, for services whose tests lack them. */
    private List<Path> launcherJars() {
        Set<String> present = suiteProject().getArtifacts().stream()
                .map(a -> a.getGroupId() + ":" + a.getArtifactId()).collect(Collectors.toSet());
        List<Path> jars = new ArrayList<>();
        for (Artifact a : plugin.getArtifacts()) {
            if (LAUNCHER_GROUPS.contains(a.getGroupId()) && !present.contains(a.getGroupId() + ":" + a.getArtifactId())
                    && a.getFile() != null && !a.getArtifactId().equals("samstage-maven-plugin")) {
                jars.add(a.getFile().toPath());
            }
        }
        return jars;
    }

    /** The suite runner reported the run; this is the one line the build fails with, if it does. */
    private static Optional<String> failure(Environment stage, Target target, ForkedSuiteResult result) {
        if (result.passed()) {
            return Optional.empty();
        }
        return Optional.of("Suite '" + stage.suiteTag() + "' on " + stage.name()
                + (target.region() == null ? "" : " in " + target.region()) + " failed: " + result.summary());
    }
}
