package dev.samstage.core.packaging;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageListener;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Artifacts in an S3 bucket. An object already under its content-addressed key is reused
 * without a transfer; new ones go up with SSE-KMS under the stage's key (SSE-S3 otherwise),
 * as one PutObject or, above the multipart threshold, as a multipart upload whose parts are
 * streamed from disk in parallel, starting while the artifact is still being written (see
 * {@link S3ObjectUpload}).
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    private final CompletableFuture<S3Client> client;
    private final S3ObjectUrls urls;
    private final S3TransferSettings settings;
    private final ExecutorService parts;
    private final boolean ownsClient;
    private final Map<String, CompletableFuture<Void>> bucketChecks = new ConcurrentHashMap<>();

    /**
     * A store on an existing client (not closed by {@link #close()}).
     *
     * @param endpoint the endpoint override the client uses, or null for AWS itself
     */
    public S3ArtifactStore(S3Client s3, String region, URI endpoint, S3TransferSettings settings) {
        this(CompletableFuture.completedFuture(Objects.requireNonNull(s3, "s3")), new S3ObjectUrls(region, endpoint),
                settings, false);
    }

    private S3ArtifactStore(CompletableFuture<S3Client> client, S3ObjectUrls urls, S3TransferSettings settings,
                            boolean ownsClient) {
        this.client = client;
        this.urls = urls;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.parts = Executors.newFixedThreadPool(settings.parallelParts(), runnable -> {
            Thread thread = new Thread(runnable, "samstage-s3-part");
            thread.setDaemon(true);
            return thread;
        });
        this.ownsClient = ownsClient;
    }

    /** A store with its own S3 client from {@code clients}, using the default transfer settings. */
    public static S3ArtifactStore create(AwsClientFactory clients) {
        return create(clients, S3TransferSettings.defaults());
    }

    /**
     * A store with its own S3 client from {@code clients}. The client is built in the background:
     * building an SDK client costs about a second of class loading and set-up, which then overlaps
     * with reading the template and hashing the artifacts, neither of which needs S3.
     */
    public static S3ArtifactStore create(AwsClientFactory clients, S3TransferSettings settings) {
        return new S3ArtifactStore(background("samstage-s3-client", clients::s3),
                new S3ObjectUrls(clients.region().id(), clients.endpoint().orElse(null)), settings, true);
    }

    /** Checks the bucket in the background; {@link #checkDestination} reports the outcome. */
    @Override
    public void prepare(ArtifactDestination destination) {
        bucketCheck(destination);
    }

    @Override
    public void checkDestination(ArtifactDestination destination) {
        CompletableFuture<Void> check = bucketCheck(destination);
        try {
            check.join();
        } catch (CompletionException e) {
            bucketChecks.remove(destination.bucket(), check); // the next call asks again

            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private CompletableFuture<Void> bucketCheck(ArtifactDestination destination) {
        return bucketChecks.computeIfAbsent(destination.bucket(),
                bucket -> background("samstage-s3-bucket-check", () -> {
                    headBucket(bucket);
                    return null;
                }));
    }

    private void headBucket(String bucket) {
        try {
            s3().headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (!fromS3(e)) {
                // an endpoint override that points at another HTTP server: its 404 says nothing about the bucket
                throw new PackagingException("The endpoint " + urls.endpoint() + " answered HeadBucket for the artifact bucket '"
                        + bucket + "' with HTTP " + e.statusCode() + " but no S3 request id, so it is not S3; point"
                        + " -Dsamstage.endpointUrl (or AWS_ENDPOINT_URL) at an S3 endpoint.", e);
            }
            throw new PackagingException(switch (e.statusCode()) {
                case 404 -> "The artifact bucket '" + bucket + "' does not exist; create it or set -Dsamstage.bucket"
                        + " (or the stage's bucket) to an existing one.";
                case 403 -> "The artifact bucket '" + bucket + "' is not accessible with the current credentials"
                        + " (HeadBucket: 403); grant s3:ListBucket on it or use another bucket.";
                case 301 -> "The artifact bucket '" + bucket + "' is in another region than " + urls.region()
                        + "; use a bucket in the stage's region.";
                default -> e.statusCode() >= 500
                        ? "The artifact bucket '" + bucket + "' could not be checked: S3 kept answering HTTP " + e.statusCode()
                                + " (" + errorCode(e) + ") to HeadBucket after retrying; S3 is throttling or failing,"
                                + " run the build again later."
                        : "The artifact bucket '" + bucket + "' cannot be used (HeadBucket: HTTP " + e.statusCode()
                                + ", " + errorCode(e) + "); check the bucket and the stage's credentials.";
            }, e);
        } catch (SdkClientException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("credentials")) {
                // the credentials chain failed before any request was sent: no network problem to look for
                throw new PackagingException("No AWS credentials to check the artifact bucket '" + bucket + "' ("
                        + oneLine(e) + "); set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run"
                        + " with a role.", e);
            }
            String where = urls.endpoint() == null ? "" : " at " + urls.endpoint();
            throw new PackagingException("The artifact bucket '" + bucket + "' is not reachable" + where + " ("
                    + oneLine(e) + "); check the network, the region and any endpoint override.", e);
        }
    }

    /** S3 (and S3-compatible stores) identify every answer with a request id header; other HTTP servers do not. */
    private static boolean fromS3(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null
                || e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-request-id")
                        .or(() -> e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-id-2"))
                        .or(() -> e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId"))
                        .isPresent();
    }

    private S3Client s3() {
        try {
            return client.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static <T> CompletableFuture<T> background(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    @Override
    public ArtifactLocation locate(ArtifactDestination destination, String key) {
        return new ArtifactLocation(destination.bucket(), key, "s3://" + destination.bucket() + "/" + key,
                urls.objectUrl(destination.bucket(), key));
    }

    @Override
    public OptionalLong existing(ArtifactDestination destination, String key) {
        try {
            return OptionalLong.of(s3().headObject(b -> b.bucket(destination.bucket()).key(key)).contentLength());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw failure("look up", destination, key, e);
        } catch (SdkClientException e) {
            throw failure("look up", destination, key, e);
        }
    }

    @Override
    public ArtifactUpload upload(ArtifactDestination destination, String key, Path file, long expectedSize,
                                 StageListener listener) {
        return new S3ObjectUpload(s3(), parts, settings, destination, key, file, expectedSize,
                locate(destination, key).uri(), listener);
    }

    static PackagingException failure(String action, ArtifactDestination destination, String key,
                                      SdkException e) {
        String reason = e instanceof S3Exception s3e ? "HTTP " + s3e.statusCode() + " " + errorCode(s3e) : oneLine(e);
        boolean transient_ = e instanceof S3Exception s3e ? s3e.statusCode() >= 500 : e instanceof SdkClientException;
        return new PackagingException("Could not " + action + " s3://" + destination.bucket() + "/" + key + " ("
                + reason + (transient_ ? ") after retrying; S3 is throttling, failing or unreachable, run the build again later."
                : "); check the bucket policy, the KMS key policy and the stage's credentials."), e);
    }

    /** The S3 error code; answers to HEAD requests have no body, so fall back to the HTTP status text. */
    private static String errorCode(S3Exception e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
            return e.awsErrorDetails().errorCode();
        }
        return e.awsErrorDetails() == null ? "no error code"
                : e.awsErrorDetails().sdkHttpResponse().statusText().orElse("no error code");
    }

    private static String oneLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public int parallelism() {
        return settings.parallelUploads();
    }

    @Override
    public void close() {
        parts.shutdownNow();
        if (ownsClient) {
            // a client still being built (packaging failed early) is closed once it is ready
            client.whenComplete((s3, failure) -> {
                if (s3 != null) {
                    s3.close();
                }
            });
        }
    }

    @Override
    public String toString() {
        return "S3ArtifactStore[" + urls + "]";
    }
}
