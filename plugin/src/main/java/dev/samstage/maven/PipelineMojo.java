package dev.samstage.maven;

import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.pipeline.DeploymentRoleExtension;
import dev.samstage.core.pipeline.PipelineSpec;
import dev.samstage.core.pipeline.PipelineTemplates;
import dev.samstage.core.pipeline.SourceKind;
import dev.samstage.core.release.StageOrder;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the CloudFormation templates a team deploys once, derived from the declared stages
 * in release order: the build account base (artifact key and bucket), a deployment role and
 * release ledger per stage account and region, and the pipeline. Needs no {@code -Denv}.
 */
@Mojo(name = "pipeline", threadSafe = true)
public class PipelineMojo extends AbstractReleaseMojo {

    /** Pipeline source: {@code connection} (CodeStar connection), {@code codecommit} or {@code s3}. */
    @Parameter(property = "samstage.pipeline.source", defaultValue = "connection")
    protected String source;

    /** Days superseded artifact versions stay in the bucket for rollbacks (at least 30). */
    @Parameter(property = "samstage.pipeline.retentionDays", defaultValue = "90")
    protected int retentionDays;

    /** CodeBuild image that runs Maven. */
    @Parameter(property = "samstage.pipeline.buildImage", defaultValue = PipelineSpec.DEFAULT_BUILD_IMAGE)
    protected String buildImage;

    /**
     * What the generated deployment roles get beyond the defaults: {@code <managedPolicyArns>} and
     * {@code <statements>} (JSON policy statements) for resource types of the service the defaults
     * (functions, APIs, roles, CodeDeploy, alarms, logs, tables, queues, topics, rules, parameters)
     * do not cover.
     */
    @Parameter
    protected DeploymentRole deploymentRole;

    /** Where the templates are written. */
    @Parameter(property = "samstage.pipeline.outputDirectory", defaultValue = "${project.build.directory}/samstage/pipeline")
    protected File outputDirectory;

    @Override
    Environment resolveStage() {
        // the pipeline covers every stage, so no -Denv is needed; one given is still checked
        return env == null || env.isBlank() ? Environment.builder(Environment.LOCAL).build() : super.resolveStage();
    }

    @Override
    protected void execute(Environment ignored, Path template, StageListener listener) {
        StageOrder order = releaseOrder();
        List<Environment> stages = stagesInOrder(order);
        PipelineSpec spec = new PipelineSpec(project.getArtifactId(), stages, SourceKind.parse(source, "samstage.pipeline.source"),
                retentionDays, buildImage, deploymentRole == null ? DeploymentRoleExtension.NONE : deploymentRole.toCore());
        List<Path> files = new PipelineTemplates(listener).write(spec, outputDirectory.toPath());
        listener.on(StageEvent.info("Deploy in this order: the base template in the build account, each deployment role"
                + " template in its stage account, then the pipeline template (" + files.size() + " files)."));
    }
}
