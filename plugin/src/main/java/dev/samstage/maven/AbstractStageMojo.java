package dev.samstage.maven;

import dev.samstage.core.StageException;
import dev.samstage.core.config.Environment;
import dev.samstage.core.config.EnvironmentResolver;
import dev.samstage.core.events.StageListener;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every stage goal shares: selecting the stage, finding the SAM template, skipping
 * modules that are not SAM apps, rendering core events and turning core failures into
 * one-line Maven failures. Subclasses build one request and make one core call.
 */
public abstract class AbstractStageMojo extends AbstractMojo {

    /** Template file names looked for, in order, when {@code samstage.template} is not set. */
    static final List<String> TEMPLATE_NAMES = List.of("template.yaml", "template.yml", "template.json");

    private static final java.util.Set<String> SKIPPED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** The stage to work on, e.g. {@code local}, {@code dev}, {@code prod}. */
    @Parameter(property = "env")
    protected String env;

    /** The stages of this service, one {@code <environment>} each. {@code local} always exists. */
    @Parameter
    protected List<EnvironmentElement> environments = new ArrayList<>();

    /** The SAM template; default {@code template.yaml} (or {@code .yml}, {@code .json}) in the project directory. */
    @Parameter(property = "samstage.template")
    protected File template;

    /** An existing SAM CLI configuration whose {@code [<env>.deploy.parameters]} fill in unset values. */
    @Parameter(property = "samstage.samconfig", defaultValue = "${project.basedir}/samconfig.toml")
    protected File samconfig;

    /** Endpoint override for every AWS call (a local AWS emulator); {@code AWS_ENDPOINT_URL} also works. */
    @Parameter(property = "samstage.endpointUrl")
    protected String endpointUrl;

    /**
     * Whether functions run in this JVM (the local stage of {@code deploy}, {@code verify} and
     * {@code run}, and {@code invoke}) get the caller's AWS credentials ({@code AWS_ACCESS_KEY_ID},
     * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN} from the default credential chain),
     * standing in for the function role's; without it they get none, like every other variable of
     * the build.
     */
    @Parameter(property = "samstage.localPassCredentials", defaultValue = "false")
    protected boolean localPassCredentials;

    /** Skips the goal. */
    @Parameter(property = "samstage.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("samstage: skipped (samstage.skip=true)");
            return;
        }
        Optional<Path> templateFile = templateFile();
        if (templateFile.isEmpty()) {
            skipped();
            return;
        }
        try {
            Environment stage = resolveStage();
            execute(stage, templateFile.get(), new MavenStageListener(getLog(), session.getRequest().isInteractiveMode()));
        } catch (StageException e) {
            // a user's mistake or a stage failure: one line, no stack trace (it is in -X output)
            getLog().debug(e);
            throw new MojoFailureException(e.getMessage());
        }
    }

    /** What a goal still owes the build in a module it skips (one that is not a SAM app). */
    protected void skipped() {
    }

    /** The goal's work, once the stage and template are known. */
    protected abstract void execute(Environment stage, Path template, StageListener listener)
            throws MojoExecutionException, MojoFailureException;

    /**
     * The template, or empty when this module is to be skipped: a {@code pom} module, or a
     * module of a multi-module build without a template. A single project without one fails.
     */
    Optional<Path> templateFile() throws MojoFailureException {
        Path basedir = project.getBasedir().toPath();
        if (template != null) {
            Path explicit = basedir.resolve(template.toPath()).normalize();
            if (Files.isDirectory(explicit)) {
                throw new MojoFailureException("SAM template " + explicit + " (samstage.template) is a directory; "
                        + "point -Dsamstage.template at the template file in it (such as template.yaml).");
            }
            if (!Files.isRegularFile(explicit)) {
                throw new MojoFailureException("SAM template " + explicit + " (samstage.template) does not exist; "
                        + "point -Dsamstage.template at the service's template file.");
            }
            return Optional.of(explicit);
        }
        for (String name : TEMPLATE_NAMES) {
            Path candidate = basedir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        boolean reactor = session.getProjects() != null && session.getProjects().size() > 1;
        if ("pom".equals(project.getPackaging()) || reactor) {
            // several goals run per module: say it once per module and build
            if (SKIPPED.add(session.getRequest().getStartTime().getTime() + ":" + project.getId())) {
                getLog().info("samstage: skipping " + project.getArtifactId() + ", not a SAM app (no "
                        + String.join(", ", TEMPLATE_NAMES) + " in " + basedir + ")");
            }
            return Optional.empty();
        }
        throw new MojoFailureException("No SAM template in " + basedir + ": expected " + basedir.resolve(TEMPLATE_NAMES.get(0))
                + " (or template.yml, template.json); set -Dsamstage.template=<path> for another location.");
    }

    Environment resolveStage() {
        List<Environment> declared = new ArrayList<>();
        for (EnvironmentElement e : environments) {
            declared.add(e.toCore());
        }
        String selected = env == null || env.isBlank() ? defaultStage() : env;
        return resolver().resolve(selected, declared, samconfig == null ? null : samconfig.toPath(), stageOverrides());
    }

    EnvironmentResolver resolver() {
        return new EnvironmentResolver(project.getArtifactId(), project.getBasedir().toPath(), System.getenv());
    }

    /** {@code samstage.*} user properties ({@code -D}), which override the pom's stage settings. */
    Map<String, String> stageOverrides() {
        Map<String, String> overrides = new TreeMap<>();
        session.getUserProperties().forEach((k, v) -> {
            if (k.toString().startsWith("samstage.")) {
                overrides.put(k.toString(), v.toString());
            }
        });
        return overrides;
    }

    /** The stage when {@code -Denv} is not given; null (the stage must be named) for goals that reach AWS. */
    protected String defaultStage() {
        return null;
    }

    /** Where this stage's outputs go: {@code target/samstage/<env>/}. */
    Path stageOutputDir(Environment stage) {
        return Path.of(project.getBuild().getDirectory(), "samstage", stage.name());
    }

    /** The endpoint override, from {@code samstage.endpointUrl} or {@code AWS_ENDPOINT_URL}. */
    Optional<URI> awsEndpoint() {
        if (endpointUrl != null && !endpointUrl.isBlank()) {
            return Optional.of(Endpoints.parse(endpointUrl, "samstage.endpointUrl", "http://localhost:4566"));
        }
        String fromEnvironment = System.getenv("AWS_ENDPOINT_URL");
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Endpoints.parse(fromEnvironment, "AWS_ENDPOINT_URL", "http://localhost:4566"));
    }
}
