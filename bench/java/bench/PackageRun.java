package bench;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.packaging.JavaBuildOutput;
import dev.samstage.core.packaging.PackageRequest;
import dev.samstage.core.packaging.PackageResult;
import dev.samstage.core.packaging.S3ArtifactStore;
import dev.samstage.core.packaging.S3TransferSettings;
import dev.samstage.core.packaging.StagePackager;
import dev.samstage.core.packaging.UploadProgress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Packages a project's {@code template.yaml} with the packaging core directly (no Maven), with
 * a chosen number of artifacts uploaded at a time, and prints the time the core took.
 *
 * <p>Usage: {@code PackageRun PROJECT_DIR ENDPOINT BUCKET PREFIX PARALLEL_UPLOADS [--events]}.
 * Prints {@code elapsed_ms=N uploaded=N reused=N bytes_uploaded=N}; with {@code --events},
 * every non-progress event with its time since the start, to see where the time goes.</p>
 */
public final class PackageRun {

    public static void main(String[] args) {
        Path project = Path.of(args[0]).toAbsolutePath();
        URI endpoint = URI.create(args[1]);
        String bucket = args[2];
        String prefix = args[3];
        int parallel = Integer.parseInt(args[4]);
        boolean events = args.length > 5 && args[5].equals("--events");
        String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");

        long start = System.nanoTime();
        StageListener listener = event -> {
            boolean firstOrLast = event instanceof UploadProgress progress
                    && (progress.sent() <= 1L << 20 || progress.sent() == progress.total());
            if (events && (!(event instanceof UploadProgress) || firstOrLast)) {
                System.out.printf("%8.3f s  %s%n", (System.nanoTime() - start) / 1e9, event.message());
            }
        };
        S3TransferSettings defaults = S3TransferSettings.defaults();
        S3TransferSettings settings = new S3TransferSettings(defaults.multipartThreshold(), defaults.partSize(),
                parallel, defaults.parallelParts());
        PackageResult result;
        try (AwsClientFactory clients = AwsClientFactory.create(region, endpoint);
             S3ArtifactStore store = S3ArtifactStore.create(clients, settings)) {
            PackageRequest request = new PackageRequest(project.resolve("template.yaml"), project,
                    project.resolve("target/samstage/core-" + parallel), JavaBuildOutput.none(), bucket, prefix,
                    Optional.empty());
            result = new StagePackager(store, listener).packageTemplate(request);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("elapsed_ms=%d uploaded=%d reused=%d bytes_uploaded=%d%n", elapsed, result.uploaded(),
                result.reused(), result.bytesUploaded());
    }
}
