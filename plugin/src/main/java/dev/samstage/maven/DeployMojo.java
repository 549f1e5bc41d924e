package dev.samstage.maven;

import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.local.LocalStage;
import dev.samstage.core.stage.StageOutputs;
import java.nio.file.Path;
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
public class DeployMojo extends AbstractStageMojo {

    /** Port the local stage listens on; 0 picks a free one. */
    @Parameter(property = "samstage.localPort", defaultValue = "0")
    protected int localPort;

    /** Executes exactly this reviewed change set (id or ARN) instead of creating a new one. */
    @Parameter(property = "samstage.changeSet")
    protected String changeSet;

    /** Fails the build when the change set is empty (nothing to deploy) instead of succeeding. */
    @Parameter(property = "samstage.failOnEmptyChangeSet", defaultValue = "false")
    protected boolean failOnEmptyChangeSet;

    @Override
    protected void execute(Environment stage, Path template, StageListener listener) throws MojoExecutionException {
        if (stage.isLocal()) {
            deployLocally(stage, template, listener);
        } else {
            throw new dev.samstage.core.StageException("Stage " + stage.name() + " deploys to AWS, which this build of samstage cannot do yet; use -Denv=local.");
        }
    }

    private void deployLocally(Environment stage, Path template, StageListener listener) throws MojoExecutionException {
        LocalStage local = LocalStage.start(new dev.samstage.core.local.LocalStageRequest(template,
                ProjectPaths.runtimeClasspath(project), stage.name(), localPort, stage.parameterOverrides()), listener);
        LocalStages.register(project, local);
        new StageOutputs(stage.name(), null, null, local.endpoint(), Map.of()).write(stageOutputDir(stage));
    }
}
