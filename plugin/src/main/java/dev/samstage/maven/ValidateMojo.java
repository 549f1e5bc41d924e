package dev.samstage.maven;

import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.packaging.ArtifactDestination;
import dev.samstage.core.stage.StageCheck;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks the stage configuration and the SAM template. Bound first in {@code package-stage},
 * so a mistyped {@code -Denv} or a broken template fails before anything is built.
 *
 * <p>When the build goes on to package for an AWS stage, it also starts the stage's S3
 * client and bucket check in the background ({@link EarlyArtifactStores}), so they are ready
 * once Maven has compiled and tested the service; problems are reported by the package goal.</p>
 */
@Mojo(name = "validate", threadSafe = true)
public class ValidateMojo extends AbstractStageMojo {

    /** Phases of the stage lifecycle whose builds run the package goal after this one. */
    private static final Set<String> PACKAGING_PHASES = Set.of("package-stage", "deploy-stage");

    @Override
    protected void execute(Environment stage, Path template, StageListener listener) {
        new StageCheck(listener).check(stage, template);
        if (!stage.isLocal() && session.getGoals().stream().anyMatch(PACKAGING_PHASES::contains)) {
            startArtifactStore(stage, listener);
        }
    }

    private void startArtifactStore(Environment stage, StageListener listener) {
        Optional<String> region = stage.region();
        Optional<String> bucket = region.flatMap(stage::bucketFor);
        if (bucket.isEmpty()) {
            return; // the package goal says what is missing
        }
        Optional<URI> endpoint = awsEndpoint();
        try {
            EarlyArtifactStores.start(session.getRequest(), region.get(), endpoint,
                    new ArtifactDestination(bucket.get(), stage.prefix(), Optional.empty()));
            listener.on(StageEvent.debug("Starting the S3 client for s3://" + bucket.get() + " while the service builds"));
        } catch (RuntimeException e) {
            listener.on(StageEvent.debug("The S3 client is started by the package goal instead: " + e.getMessage()));
        }
    }
}
