package dev.samstage.maven;

import dev.samstage.core.StageException;
import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.config.StagePropertyNames;
import dev.samstage.core.stage.PendingChangeSet;
import java.io.File;
import dev.samstage.core.deploy.DeployRequest;
import dev.samstage.core.deploy.StageDeployer;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.release.EntryResult;
import dev.samstage.core.release.StageLedgers;
import dev.samstage.core.traffic.TrafficShiftFollower;
import dev.samstage.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.local.LocalOutputs;
import dev.samstage.core.local.LocalStage;
import dev.samstage.core.stage.StageOutputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Deploys the packaged service to the stage: through a CloudFormation change set in the
 * stage's account, or, for {@code -Denv=local}, by starting the app in this JVM behind a
 * local API Gateway that {@code verify} then tests. Writes {@code target/samstage/<env>/outputs.json}.
 */
@Mojo(name = "deploy", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class DeployMojo extends AbstractReleaseMojo {

    static final String PACKAGED_TEMPLATE = "samstage.packagedTemplate";

    /** Port the local stage listens on; 0 picks a free one. */
    @Parameter(property = "samstage.localPort", defaultValue = "0")
    protected int localPort;

    /** Executes exactly this reviewed change set (id or ARN) instead of creating a new one. */
    @Parameter(property = "samstage.changeSet")
    protected String changeSet;

    /**
     * Deploys this packaged template (with the {@code package-manifest.json} beside it) instead of
     * {@code target/samstage/<env>/packaged-template.yaml}: a pipeline packages once in its build
     * action and every stage deploys that artifact. Relative to the project directory.
     */
    @Parameter(property = PACKAGED_TEMPLATE)
    protected File packagedTemplate;

    /** Fails the build when the change set is empty (nothing to deploy) instead of succeeding. */
    @Parameter(property = "samstage.failOnEmptyChangeSet", defaultValue = "false")
    protected boolean failOnEmptyChangeSet;

    /**
     * Keep a stage still while a release in it is under evaluation: the deploy is refused (or
     * waits, see {@code samstage.releaseWait}) until that release is approved or rejected
     * ({@code samstage:approve}, {@code samstage:reject}). The state lives in the stage account.
     */
    @Parameter(property = "samstage.releaseGate", defaultValue = "false")
    protected boolean releaseGate;

    /** With the release gate, how long to wait for the stage to be freed (ISO-8601, e.g. {@code PT30M}); default: do not wait. */
    @Parameter(property = "samstage.releaseWait")
    protected String releaseWait;

    /**
     * How often CodeDeploy is read while traffic shifts (seconds, or ISO-8601 such as {@code PT0.5S}); each
     * read that sees the shift move prints a progress line. Default 5 seconds.
     */
    @Parameter(property = StagePropertyNames.TRAFFIC_POLL_INTERVAL, defaultValue = "5")
    protected String trafficPollInterval;

    @Override
    protected void execute(Environment stage, Path template, StageListener listener) throws MojoExecutionException {
        if (stage.isLocal()) {
            deployLocally(stage, template, listener);
        } else {
            deployToAws(stage, listener);
        }
    }

    private void deployLocally(Environment stage, Path template, StageListener listener) throws MojoExecutionException {
        LocalStage local = LocalStage.start(LocalStages.request(project, session, template, stage, localPort,
                localPassCredentials), listener);
        LocalStages.register(project, local);
        // the template's outputs that resolve locally, so a suite that reads them works as against a deployed stage
        StageOutputs.write(stageOutputDir(stage), List.of(new StageOutputs(stage.name(), null, null, local.endpoint(),
                LocalOutputs.of(template, stage.parameterOverrides(), local.endpoint()), local.lambdaEndpoint())));
    }

    private void deployToAws(Environment stage, StageListener listener) {
        Path outputDir = stageOutputDir(stage);
        Path packaged = packagedTemplate == null ? PackagedTemplate.in(outputDir, stage)
                : PackagedTemplate.given(project.getBasedir().toPath().resolve(packagedTemplate.toPath()).normalize(),
                        PACKAGED_TEMPLATE);
        Optional<String> reviewed = reviewedChangeSet();
        Duration poll = Durations.parse(trafficPollInterval, StagePropertyNames.TRAFFIC_POLL_INTERVAL);
        if (poll.isZero() || poll.isNegative()) {
            throw new StageException(StagePropertyNames.TRAFFIC_POLL_INTERVAL + " '" + trafficPollInterval + "' must be above zero;"
                    + " use seconds (5) or ISO-8601 (PT0.5S).");
        }
        String region = stage.region().orElseThrow();
        try (AwsClientFactory base = AwsClientFactory.create(region, awsEndpoint().orElse(null))) {
            if (releaseGate) {
                enterStage(stage, base, listener);
            }
            new StageDeployer(base, listener)
                    .following(new TrafficShiftFollower(Clock.systemUTC(), Sleeper.SYSTEM, poll))
                    .deploy(new DeployRequest(stage, project.getArtifactId(), packaged, PackagedTemplate.url(packaged.getParent()),
                            outputDir, reviewed, failOnEmptyChangeSet, Map.of()));
        }
    }

    /**
     * The reviewed change set to execute. A property given but blank (a pipeline variable that was
     * never set) fails: taking it as absent would create a new change set instead of executing the
     * reviewed one.
     */
    private Optional<String> reviewedChangeSet() {
        boolean given = session.getUserProperties().containsKey(StagePropertyNames.CHANGE_SET)
                || session.getSystemProperties().containsKey(StagePropertyNames.CHANGE_SET);
        if (changeSet == null || changeSet.isBlank()) {
            if (given) {
                throw new StageException("-D" + StagePropertyNames.CHANGE_SET + " is empty: no reviewed change set to execute,"
                        + " nothing was deployed; pass the ARN from target/samstage/<env>/" + PendingChangeSet.FILE_NAME
                        + " of the deploy that created it, or leave the property out to create a new change set.");
            }
            return Optional.empty();
        }
        return Optional.of(changeSet.strip());
    }

    /** Brings this build's release into the stage, or stops: another release is under evaluation there. */
    private void enterStage(Environment stage, AwsClientFactory base, StageListener listener) {
        String release = revision != null && !revision.isBlank() ? revision.trim() : thisRevision();
        try (StageLedgers ledgers = openLedgers(base, listener)) {
            EntryResult entry = releaseWait == null || releaseWait.isBlank()
                    ? ledgers.ledger().enter(stage.name(), release)
                    : ledgers.ledger().enter(stage.name(), release, Durations.parse(releaseWait, "samstage.releaseWait"),
                            Duration.ofSeconds(30));
            if (!entry.entered()) {
                throw new StageException(entry.reason() + (entry.outcome() == EntryResult.Outcome.WAITING
                        ? " Approve or reject it (mvn samstage:approve|reject -Denv=" + stage.name()
                                + "), or wait with -Dsamstage.releaseWait=PT30M."
                        : ""));
            }
            listener.on(StageEvent.info(entry.reason()));
        }
    }
}
