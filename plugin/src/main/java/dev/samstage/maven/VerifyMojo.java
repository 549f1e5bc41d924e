package dev.samstage.maven;

import dev.samstage.core.StageException;
import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.local.LocalStage;
import dev.samstage.core.local.LocalStageRequest;
import dev.samstage.core.stage.StageOutputs;
import dev.samstage.core.verify.SuiteFailure;
import dev.samstage.core.verify.SuiteRequest;
import dev.samstage.core.verify.SuiteResult;
import dev.samstage.core.verify.SuiteRunner;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    @Override
    protected void execute(Environment stage, Path template, StageListener listener)
            throws MojoExecutionException, MojoFailureException {
        LocalStage startedHere = null;
        try {
            URI target;
            if (endpoint != null && !endpoint.isBlank()) {
                target = Endpoints.parse(endpoint, "samstage.endpoint");
            } else if (stage.isLocal()) {
                LocalStage running = LocalStages.running(project).orElse(null);
                if (running == null) {
                    running = startedHere = LocalStage.start(new LocalStageRequest(template,
                            ProjectPaths.runtimeClasspath(project), stage.name(), localPort, stage.parameterOverrides()), listener);
                }
                target = running.endpoint();
            } else {
                Path dir = stageOutputDir(stage);
                target = StageOutputs.read(dir).flatMap(StageOutputs::endpointUri).orElseThrow(() -> new StageException(
                        "No endpoint for stage " + stage.name() + ": " + dir.resolve(StageOutputs.FILE_NAME)
                                + " is missing or has none; run mvn deploy-stage -Denv=" + stage.name()
                                + " or pass -Dsamstage.endpoint=<url>."));
            }
            SuiteResult result = new SuiteRunner(listener).run(request(stage, target));
            report(stage, result, listener);
        } finally {
            if (startedHere != null) {
                startedHere.close();
            }
            if (stage.isLocal()) {
                LocalStages.stop(project);
            }
        }
    }

    private SuiteRequest request(Environment stage, URI target) throws MojoExecutionException {
        Path testClasses = Path.of(project.getBuild().getTestOutputDirectory());
        if (!Files.isDirectory(testClasses)) {
            throw new StageException("No compiled tests in " + testClasses + ": the stage's suite (JUnit tag '" + stage.suiteTag()
                    + "') lives in src/test/java; add tests tagged '" + stage.suiteTag() + "'.");
        }
        List<Path> classpath = ProjectPaths.testClasspath(project);
        Map<String, String> properties = new TreeMap<>(stageOverrides());
        properties.remove("samstage.endpoint");
        awsEndpoint().ifPresent(uri -> properties.put("samstage.endpointUrl", uri.toString()));
        return new SuiteRequest(stage.name(), target, testClasses, classpath, launcherJars(), stage.suiteTag(),
                stageOutputDir(stage).resolve("test-reports"), properties,
                Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** The plugin's own copies of the kit and the JUnit Platform launcher, for services whose tests lack them. */
    private List<Path> launcherJars() {
        Set<String> present = project.getArtifacts().stream()
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

    private void report(Environment stage, SuiteResult result, StageListener listener) throws MojoFailureException {
        String summary = "Suite " + stage.suiteTag() + " on " + stage.name() + ": " + result.found() + " tests, "
                + result.succeeded() + " passed, " + result.failed() + " failed, " + result.skipped() + " skipped";
        if (result.passed()) {
            listener.on(StageEvent.info(summary));
            return;
        }
        for (SuiteFailure failure : result.failures()) {
            listener.on(StageEvent.error("  FAILED " + failure.test() + ": " + failure.message()));
        }
        throw new MojoFailureException(summary + "; reports in " + stageOutputDir(stage).resolve("test-reports"));
    }
}
