package dev.samstage.core.packaging;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Artifacts in an S3 bucket. An object already under its content-addressed key is reused
 * without a transfer; new ones go up with SSE-KMS under the stage's key (SSE-S3 otherwise),
 * as one PutObject or, above the multipart threshold, as a multipart upload whose parts are
 * streamed from disk in parallel.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    private static final String OCTET_STREAM = "application/octet-stream";

    private final S3Client s3;
    private final S3ObjectUrls urls;
    private final S3TransferSettings settings;
    private final ExecutorService parts;
    private final boolean ownsClient;

    /**
     * A store on an existing client (not closed by {@link #close()}).
     *
     * @param endpoint the endpoint override the client uses, or null for AWS itself
     */
    public S3ArtifactStore(S3Client s3, String region, URI endpoint, S3TransferSettings settings) {
        this(s3, new S3ObjectUrls(region, endpoint), settings, false);
    }

    private S3ArtifactStore(S3Client s3, S3ObjectUrls urls, S3TransferSettings settings, boolean ownsClient) {
        this.s3 = Objects.requireNonNull(s3, "s3");
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
        return new S3ArtifactStore(clients.s3(), new S3ObjectUrls(clients.region().id(), clients.endpoint().orElse(null)),
                S3TransferSettings.defaults(), true);
    }

    @Override
    public void checkDestination(ArtifactDestination destination) {
        String bucket = destination.bucket();
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
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

    @Override
    public ArtifactLocation locate(ArtifactDestination destination, String key) {
        return new ArtifactLocation(destination.bucket(), key, "s3://" + destination.bucket() + "/" + key,
                urls.objectUrl(destination.bucket(), key));
    }

    @Override
    public OptionalLong existing(ArtifactDestination destination, String key) {
        try {
            return OptionalLong.of(s3.headObject(b -> b.bucket(destination.bucket()).key(key)).contentLength());
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
    public long put(ArtifactDestination destination, String key, Path file, StageListener listener) {
        long size = size(file);
        Progress progress = new Progress(locate(destination, key).uri(), size, listener);
        try {
            if (size > settings.multipartThreshold()) {
                putMultipart(destination, key, file, size, progress);
            } else {
                PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(destination.bucket()).key(key);
                encrypt(destination, request);
                s3.putObject(request.build(), RequestBody.fromContentProvider(
                        () -> progress.attempt(FileRangeStream.open(file, 0, size, progress::add)), size, OCTET_STREAM));
            }
        } catch (SdkException e) {
            throw failure("upload", destination, key, e);
        }
        progress.done();
        return size;
    }

    private void putMultipart(ArtifactDestination destination, String key, Path file, long size, Progress progress) {
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
                .bucket(destination.bucket()).key(key).contentType(OCTET_STREAM);
        if (destination.kmsKey().isPresent()) {
            create.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(destination.kmsKey().get().value());
        } else {
            create.serverSideEncryption(ServerSideEncryption.AES256);
        }
        String uploadId = s3.createMultipartUpload(create.build()).uploadId();
        try {
            long partSize = settings.partSizeFor(size);
            List<Future<CompletedPart>> futures = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                long start = offset;
                long length = Math.min(partSize, size - offset);
                int partNumber = number;
                futures.add(parts.submit(() -> {
                    AtomicLong sent = new AtomicLong();
                    String etag = s3.uploadPart(b -> b.bucket(destination.bucket()).key(key).uploadId(uploadId)
                                    .partNumber(partNumber).contentLength(length),
                            RequestBody.fromContentProvider(() -> {
                                progress.add(-sent.getAndSet(0)); // a retry starts the part again
                                return FileRangeStream.open(file, start, length, n -> {
                                    sent.addAndGet(n);
                                    progress.add(n);
                                });
                            }, length, OCTET_STREAM)).eTag();
                    return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
                }));
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (Future<CompletedPart> future : futures) {
                completed.add(await(future));
            }
            s3.completeMultipartUpload(b -> b.bucket(destination.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
        } catch (RuntimeException e) {
            abort(destination, key, uploadId);
            throw e;
        }
    }

    private static CompletedPart await(Future<CompletedPart> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackagingException("Interrupted while uploading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void abort(ArtifactDestination destination, String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(destination.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException ignored) {
            // the original failure is what the user needs; a lifecycle rule cleans up stale uploads
        }
    }

    private static void encrypt(ArtifactDestination destination, PutObjectRequest.Builder request) {
        if (destination.kmsKey().isPresent()) {
            request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(destination.kmsKey().get().value());
        } else {
            request.serverSideEncryption(ServerSideEncryption.AES256);
        }
    }

    private static PackagingException failure(String action, ArtifactDestination destination, String key,
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

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public int parallelism() {
        return settings.parallelUploads();
    }

    @Override
    public void close() {
        parts.shutdownNow();
        if (ownsClient) {
            s3.close();
        }
    }

    @Override
    public String toString() {
        return "S3ArtifactStore[" + urls + "]";
    }

    /** Bytes sent for one artifact, reported at most once per MiB and when done. */
    private static final class Progress {
        private static final long STEP = 1L << 20;
        private final String uri;
        private final long total;
        private final StageListener listener;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong reported = new AtomicLong();

        Progress(String uri, long total, StageListener listener) {
            this.uri = uri;
            this.total = total;
            this.listener = listener;
        }

        FileRangeStream attempt(FileRangeStream stream) {
            sent.set(0);
            return stream;
        }

        void add(long bytes) {
            long now = sent.addAndGet(bytes);
            long last = reported.get();
            if (now - last >= STEP && reported.compareAndSet(last, now)) {
                listener.on(new UploadProgress(uri, now, total));
            }
        }

        void done() {
            listener.on(new UploadProgress(uri, total, total));
        }
    }
}
