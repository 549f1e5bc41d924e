package dev.samstage.maven;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.release.PipelineApproval;
import dev.samstage.core.release.ProductRelease;
import dev.samstage.core.release.StageLedgers;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Approves the release under evaluation in {@code -Denv}: it leaves the stage and waits to enter
 * the next one. With {@code -Dsamstage.product=<prefix>} it instead approves the stage's
 * {@code Approve-<env>} action in every service pipeline of the product, all or nothing.
 */
@Mojo(name = "approve", threadSafe = true)
public class ApproveMojo extends AbstractProductMojo {

    @Override
    protected void execute(Environment stage, Path template, StageListener listener) throws MojoFailureException {
        if (product != null && !product.isBlank()) {
            try (AwsClientFactory clients = AwsClientFactory.create(pipelineRegion(stage), awsEndpoint().orElse(null));
                 ProductRelease release = ProductRelease.open(clients, listener)) {
                List<PipelineApproval> results = release.approve(product, stage.name(), services(), decider(), reason);
                failOnFailures(results);
            }
            return;
        }
        try (AwsClientFactory base = AwsClientFactory.create(region(stage), awsEndpoint().orElse(null));
             StageLedgers ledgers = openLedgers(base, listener)) {
            ledgers.ledger().approve(stage.name(), blankToNull(revision), decider(), reason);
        }
    }
}
