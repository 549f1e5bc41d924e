package dev.samstage.core.pipeline;

import dev.samstage.core.StageException;
import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the CloudFormation templates a team deploys once to run a service's pipeline:
 * <ol>
 *   <li>{@code <project>-pipeline-base.yaml} in the build account (artifact key and bucket);</li>
 *   <li>{@code <project>-deployment-role-<account>-<region>.yaml} in every stage account and region
 *       (deployment role and release ledger table);</li>
 *   <li>{@code <project>-pipeline.yaml} in the build account (the pipeline itself).</li>
 * </ol>
 * Deploy them in that order: the pipeline imports the base stack's outputs and the deployment
 * roles take the base stack's bucket and key as parameters.
 */
public final class PipelineTemplates {

    private final StageListener listener;

    public PipelineTemplates(StageListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The templates by file name, in deployment order, without writing anything. */
    public Map<String, String> render(PipelineSpec spec) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(spec.projectName() + "-pipeline-base.yaml", CfnYaml.write(new BuildAccountTemplate(spec).template()));
        Map<String, List<Environment>> byAccountAndRegion = new LinkedHashMap<>();
        for (Environment e : spec.environments()) {
            for (String region : e.regions()) {
                byAccountAndRegion.computeIfAbsent(e.accountId() + " " + region, k -> new ArrayList<>()).add(e);
            }
        }
        byAccountAndRegion.forEach((key, stages) -> {
            String[] accountAndRegion = key.split(" ");
            DeploymentRoleTemplate t = new DeploymentRoleTemplate(spec, accountAndRegion[0], accountAndRegion[1], stages);
            files.put(t.fileName(), CfnYaml.write(t.template()));
        });
        files.put(spec.projectName() + "-pipeline.yaml", CfnYaml.write(new PipelineTemplate(spec).template()));
        return files;
    }

    /**
     * Writes every template under {@code outputDirectory} (created if missing), replacing earlier
     * copies, and returns the written files in deployment order.
     */
    public List<Path> write(PipelineSpec spec, Path outputDirectory) {
        Map<String, String> files = render(spec);
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(outputDirectory);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = outputDirectory.resolve(f.getKey());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
                written.add(target);
                listener.on(StageEvent.info("Wrote " + target));
            }
        } catch (IOException e) {
            throw new StageException("Cannot write the pipeline templates to " + outputDirectory + " (" + e.getMessage()
                    + "); check that the directory is writable.", e);
        }
        return written;
    }
}
