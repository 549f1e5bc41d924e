package dev.samstage.core.packaging;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageListener;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Artifacts in an S3 bucket. New objects go up with SSE-KMS under the stage's key (SSE-S3
 * otherwise) and their content hash as metadata, as one PutObject or, above the multipart
 * threshold, as a multipart upload whose parts are streamed from disk in parallel, starting
 * while the artifact is still being written (see {@link S3ObjectUpload}). What is already
 * under a key is described by {@link #existing} for the caller to decide whether it may be
 * reused ({@link ReuseCheck}).
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    /**
     * How old an incomplete multipart upload under samstage's keys must be before a build aborts it
     * as abandoned: far longer than any Lambda artifact takes to upload (250 MB at 1 MB/s is four
     * minutes), so a build never aborts one that another build running now is still sending.
     */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    /** Object names samstage writes below its prefix: {@code <sha256>[.<extension>]}. */
    private static final Pattern CONTENT_KEY = Pattern.compile("[0-9a-f]{64}(?:\\.[a-z0-9]+)?");

    /** Pages of a prefix listing read before the remaining keys are looked up one by one. */
    static final int LISTED_PAGES = 2;

    /** CopyObject copies at most 5 GB in one request; Lambda artifacts are far smaller. */
    private static final long MAX_COPY = 5L * 1000 * 1000 * 1000;

    private final CompletableFuture<S3Client> client;
    private final Supplier<KmsClient> kms;
    private final S3ObjectUrls urls;
    private final S3TransferSettings settings;
    private final ExecutorService parts;
    private final boolean ownsClient;
    private final Clock clock;
    private final Map<String, CompletableFuture<String>> bucketChecks = new ConcurrentHashMap<>();
    private final Map<String, String> kmsKeyArns = new ConcurrentHashMap<>();
    private final Set<S3ObjectUpload> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * A store on existing clients (not closed by {@link #close()}).
     *
     * @param endpoint the endpoint override the clients use, or null for AWS itself
     */
    public S3ArtifactStore(S3Client s3, KmsClient kms, String region, URI endpoint, S3TransferSettings settings) {
        this(s3, kms, region, endpoint, settings, Clock.systemUTC());
    }

    /** As above, with the clock that tells how old an incomplete upload is. */
    public S3ArtifactStore(S3Client s3, KmsClient kms, String region, URI endpoint, S3TransferSettings settings,
                           Clock clock) {
        this(CompletableFuture.completedFuture(Objects.requireNonNull(s3, "s3")), () -> kms,
                new S3ObjectUrls(region, endpoint), settings, false, clock);
    }

    private S3ArtifactStore(CompletableFuture<S3Client> client, Supplier<KmsClient> kms, S3ObjectUrls urls,
                            S3TransferSettings settings, boolean ownsClient, Clock clock) {
        this.client = client;
        this.kms = kms;
        this.urls = urls;
        this.clock = Objects.requireNonNull(clock, "clock");
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
        return new S3ArtifactStore(background("samstage-s3-client", clients::s3), memoized(clients::kms),
                new S3ObjectUrls(clients.region().id(), clients.endpoint().orElse(null)), settings, true,
                Clock.systemUTC());
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** Checks the bucket in the background; {@link #checkDestination} reports the outcome. */
    @Override
    public void prepare(ArtifactDestination destination) {
        bucketCheck(destination);
    }

    /**
     * Checks that the bucket exists in the stage's region and, for SSE-KMS, that the stage's key
     * is usable there (see {@link KmsKeyCheck}); each problem is one line naming the bucket or key.
     */
    @Override
    public void checkDestination(ArtifactDestination destination) {
        CompletableFuture<String> check = bucketCheck(destination);
        String bucketRegion;
        try {
            bucketRegion = check.join();
        } catch (CompletionException e) {
            bucketChecks.remove(destination.bucket(), check); // the next call asks again

            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
        destination.kmsKey().ifPresent(key -> kmsKeyArns.computeIfAbsent(key.value(),
                k -> KmsKeyCheck.usableArn(kms.get(), key, destination.bucket(), bucketRegion)));
    }

    @Override
    public ObjectEncryption encryptionFor(ArtifactDestination destination) {
        return destination.kmsKey().map(key -> {
            if (!kmsKeyArns.containsKey(key.value())) {
                checkDestination(destination);
            }
            return ObjectEncryption.kms(kmsKeyArns.get(key.value()));
        }).orElseGet(ObjectEncryption::s3Managed);
    }

    private CompletableFuture<String> bucketCheck(ArtifactDestination destination) {
        return bucketChecks.computeIfAbsent(destination.bucket(),
                bucket -> background("samstage-s3-bucket-check", () -> headBucket(bucket)));
    }

    /** The bucket's region, once it is known to be the stage's. */
    private String headBucket(String bucket) {
        try {
            String region = s3().headBucket(b -> b.bucket(bucket)).bucketRegion();
            if (region != null && !region.equals(urls.region())) {
                throw wrongRegion(bucket, region);
            }
            return region == null ? urls.region() : region;
        } catch (S3Exception e) {
            Optional<String> region = e.awsErrorDetails() == null ? Optional.empty()
                    : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
            if (region.isPresent() && !region.get().equals(urls.region())) {
                throw wrongRegion(bucket, region.get());
            }
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
                case 301 -> "The artifact bucket '" + bucket + "' is in another region than the stage's " + urls.region()
                        + "; use a bucket in " + urls.region() + ".";
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

    private PackagingException wrongRegion(String bucket, String bucketRegion) {
        return new PackagingException("The artifact bucket '" + bucket + "' is in " + bucketRegion + " but the stage"
                + " deploys to " + urls.region() + "; CloudFormation and Lambda read artifacts from the stage's region:"
                + " use a bucket in " + urls.region() + " (-Dsamstage.bucket, or the stage's bucket or regionBuckets).");
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
    public Optional<StoredObject> existing(ArtifactDestination destination, String key) {
        try {
            HeadObjectResponse head = s3().headObject(b -> b.bucket(destination.bucket()).key(key));
            String algorithm = head.serverSideEncryptionAsString() == null ? "none" : head.serverSideEncryptionAsString();
            return Optional.of(new StoredObject(head.contentLength(),
                    Optional.ofNullable(head.metadata().get(ArtifactMetadata.CONTENT_SHA256)),
                    new ObjectEncryption(algorithm, Optional.ofNullable(head.ssekmsKeyId()))));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("look up", destination, key, e);
        } catch (SdkClientException e) {
            throw failure("look up", destination, key, e);
        }
    }

    /**
     * One ListObjectsV2 of the destination's prefix instead of one HeadObject per artifact: for a
     * service of many functions whose artifacts are new, that is one request instead of dozens.
     * At most {@link #LISTED_PAGES} pages are read, so a prefix that years of builds have filled
     * costs no more than two requests; keys sorting after the last one listed are looked up one
     * by one (see {@link PrefixListing}). Listing needs s3:ListBucket, which the bucket check
     * (HeadBucket) needs too; should it fail anyway, every key is looked up on its own, which
     * reports any real problem with the key it concerns.
     */
    @Override
    public Set<String> absentAmong(ArtifactDestination destination, Collection<String> keys) {
        String prefix = destination.prefix().isEmpty() ? "" : destination.prefix() + "/";
        List<String> listed = new ArrayList<>();
        String token = null;
        try {
            for (int page = 0; page < LISTED_PAGES; page++) {
                String continuation = token;
                ListObjectsV2Response response = s3().listObjectsV2(b -> b.bucket(destination.bucket()).prefix(prefix)
                        .continuationToken(continuation));
                response.contents().forEach(object -> listed.add(object.key()));
                if (!Boolean.TRUE.equals(response.isTruncated())) {
                    return PrefixListing.of(listed, true).absentAmong(keys);
                }
                token = response.nextContinuationToken();
            }
            return PrefixListing.of(listed, false).absentAmong(keys);
        } catch (SdkException e) {
            return Set.of();
        }
    }

    /**
     * Copies the object onto itself with the destination's encryption (S3 allows that when the
     * encryption changes); one CopyObject copies at most 5 GB.
     */
    @Override
    public boolean reencrypt(ArtifactDestination destination, String key, long size) {
        if (size > MAX_COPY) {
            return false;
        }
        ObjectEncryption wanted = encryptionFor(destination);
        try {
            CopyObjectRequest.Builder copy = CopyObjectRequest.builder()
                    .sourceBucket(destination.bucket()).sourceKey(key)
                    .destinationBucket(destination.bucket()).destinationKey(key)
                    .metadataDirective(MetadataDirective.COPY)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32);
            S3ObjectUpload.encrypt(wanted, copy::serverSideEncryption, copy::ssekmsKeyId);
            s3().copyObject(copy.build());
            return true;
        } catch (SdkException e) {
            throw failure("re-encrypt", destination, key, e);
        }
    }

    @Override
    public ArtifactUpload upload(ArtifactDestination destination, String key, String contentSha256, Path file,
                                 long expectedSize, StageListener listener) {
        return new S3ObjectUpload(s3(), parts, settings, destination, encryptionFor(destination), key, contentSha256,
                file, expectedSize, locate(destination, key).uri(), listener, inFlight);
    }

    /**
     * Aborts the incomplete multipart uploads that builds left under the destination's prefix on
     * samstage's content keys (a build killed, a crashed endpoint) more than
     * {@link #ABANDONED_AFTER} ago, as a lifecycle rule would; a bucket may have no such rule and
     * S3 charges for the stored parts. Uploads of other tools (other key shapes) are left alone.
     *
     * @return the keys whose uploads were aborted
     */
    @Override
    public List<String> abortAbandonedUploads(ArtifactDestination destination) {
        Instant before = clock.instant().minus(ABANDONED_AFTER);
        String prefix = destination.prefix().isEmpty() ? "" : destination.prefix() + "/";
        List<String> aborted = new ArrayList<>();
        try {
            for (MultipartUpload upload : s3().listMultipartUploadsPaginator(b -> b.bucket(destination.bucket())
                    .prefix(prefix)).uploads()) {
                String rest = upload.key().substring(prefix.length());
                if (!rest.contains("/") && CONTENT_KEY.matcher(rest).matches() && upload.initiated() != null
                        && upload.initiated().isBefore(before)) {
                    s3().abortMultipartUpload(b -> b.bucket(destination.bucket()).key(upload.key())
                            .uploadId(upload.uploadId()));
                    aborted.add(upload.key());
                }
            }
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                return aborted; // no s3:ListBucketMultipartUploads: cleaning up is a courtesy, not the build's job
            }
            throw failure("list the incomplete uploads under", destination, prefix, e);
        } catch (SdkException e) {
            throw failure("list the incomplete uploads under", destination, prefix, e);
        }
        return aborted;
    }

    /**
     * Aborts every multipart upload this store has in flight, for a JVM shutdown hook: a build
     * stopped with Ctrl-C or SIGTERM leaves no parts behind. Returns the keys aborted.
     */
    public List<String> abortInFlight() {
        List<String> keys = new ArrayList<>();
        for (S3ObjectUpload upload : List.copyOf(inFlight)) {
            upload.abortNow();
            keys.add(upload.key());
        }
        return keys;
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
