package dev.samstage.maven;

import dev.samstage.core.config.ConfigException;
import dev.samstage.core.config.Environment;
import dev.samstage.core.release.PipelineApproval;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** Approve and reject: a service's own release ledger, or a product's pipelines through CodePipeline. */
abstract class AbstractProductMojo extends AbstractReleaseMojo {

    /** Product prefix: act on the {@code Approve-<env>} action of every pipeline whose name starts with it. */
    @Parameter(property = "samstage.product")
    protected String product;

    /** Comma-separated service pipelines of the product to act on; required to reject. */
    @Parameter(property = "samstage.services")
    protected String services;

    /** Region of the product's pipelines; default {@code AWS_REGION}, else the stage's primary region. */
    @Parameter(property = "samstage.pipelineRegion")
    protected String pipelineRegion;

    Set<String> services() {
        if (services == null || services.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(services.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    String pipelineRegion(Environment stage) {
        if (pipelineRegion != null && !pipelineRegion.isBlank()) {
            return pipelineRegion.trim();
        }
        String fromEnv = System.getenv("AWS_REGION");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : region(stage);
    }

    static String region(Environment stage) {
        return stage.region().orElseThrow(() -> new ConfigException("Stage " + stage.name()
                + " has no region: set <region> in its <environment> or -Dsamstage.region."));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static void failOnFailures(List<PipelineApproval> results) throws MojoFailureException {
        List<String> failed = results.stream().filter(r -> r.outcome() == PipelineApproval.Outcome.FAILED)
                .map(r -> r.pipeline() + " (" + r.detail() + ")").toList();
        if (!failed.isEmpty()) {
            throw new MojoFailureException("The approval could not be recorded for " + String.join(", ", failed)
                    + "; the other pipelines were decided; check them with the CodePipeline console and run the goal again"
                    + " with -Dsamstage.services naming the failed ones.");
        }
    }
}
