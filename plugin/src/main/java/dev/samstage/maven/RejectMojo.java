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
 * Rejects the release under evaluation in {@code -Denv} and records who and why
 * ({@code -Dsamstage.reason} is required); the stage is free for the newest waiting release.
 * With {@code -Dsamstage.product=<prefix>} it rejects the {@code Approve-<env>} action of the
 * service pipelines named in {@code -Dsamstage.services} only.
 */
@Mojo(name = "reject", threadSafe = true)
public class RejectMojo extends AbstractProductMojo {

    @Override
    protected void execute(Environment stage, Path template, StageListener listener) throws MojoFailureException {
        if (product != null && !product.isBlank()) {
            try (AwsClientFactory clients = AwsClientFactory.create(pipelineRegion(stage), awsEndpoint().orElse(null));
                 ProductRelease release = ProductRelease.open(clients, listener)) {
                List<PipelineApproval> results = release.reject(product, stage.name(), services(), decider(), reason);
                failOnFailures(results);
            }
            return;
        }
        try (AwsClientFactory base = AwsClientFactory.create(region(stage), awsEndpoint().orElse(null));
             StageLedgers ledgers = openLedgers(base, listener)) {
            ledgers.ledger().reject(stage.name(), blankToNull(revision), decider(), reason);
        }
    }
}
