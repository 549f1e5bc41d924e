package dev.samstage.core.packaging;

import dev.samstage.core.events.StageListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One object going into S3 while its file is still being written. When the object is expected
 * to be above the multipart threshold, the multipart upload is created at once (its round trip
 * overlaps zipping the first part) and every part whose bytes are final goes up as soon as they
 * are on disk, so zipping and uploading overlap; parts are read back from the file (retries
 * re-read them), so memory does not grow with the object. A small object is sent as one
 * PutObject once complete.
 *
 * <p>Every request carries a CRC32 of its bytes, which S3 checks on receipt. A multipart upload
 * is created with CRC32 as its checksum algorithm and completed with each part's CRC32, so S3
 * also checks that the parts it assembles are the ones that were sent, and stores the object
 * with a composite CRC32 (the checksum of the parts' checksums), as the AWS CLI and the SDK's
 * transfer manager do. Without an algorithm S3 would instead compute a full-object CRC64NVME
 * over the assembled object itself, a check of its own work rather than of what we sent.</p>
 *
 * <p>Parts finish in any order (a header part is held until the end, parts go up in parallel);
 * CompleteMultipartUpload lists them in ascending part number, as S3 requires
 * ({@code InvalidPartOrder} otherwise), and {@link MultipartParts} checks the list covers the
 * object in order before it is sent. Every object carries its content hash as metadata
 * ({@link ArtifactMetadata}).</p>
 *
 * <p>Why not the SDK's transfer manager or multipart S3 client: both take a complete file, or
 * a stream they buffer part by part in memory, so the zip would have to be finished before the
 * first part goes up. Here zipping and uploading a 100 MB function overlap in 0.9 s, and 100 MB
 * packs with a 64 MB heap, peak RSS 211 MB for 10 MB and 220 MB for 100 MB (bench/README.md,
 * rows "Where the core's time goes" and "Peak RSS"). The transfer manager's zip-then-upload
 * time was not measured against it.</p>
 */
final class S3ObjectUpload implements ArtifactUpload {

    private static final String OCTET_STREAM = "application/octet-stream";

    private final S3Client s3;
    private final ExecutorService parts;
    private final S3TransferSettings settings;
    private final ArtifactDestination destination;
    private final ObjectEncryption encryption;
    private final String key;
    private final String contentSha256;
    private final Set<S3ObjectUpload> inFlight;
    private final Path file;
    private final long expectedSize;
    private final long partSize;
    private final Progress progress;
    /** Parts sent so far; read by a shutdown hook's thread too ({@link #abortNow}). */
    private final List<Future<CompletedPart>> sent = new CopyOnWriteArrayList<>();
    /** Full parts that were final except for a held header, by index; sent once it is released. */
    private final List<Integer> held = new ArrayList<>();
    /** The multipart upload's id, asked for when the first bytes are written; null for a PutObject. */
    private volatile Future<String> uploadId;
    /** Index of the first part neither sent nor held. */
    private int nextPart;

    S3ObjectUpload(S3Client s3, ExecutorService parts, S3TransferSettings settings, ArtifactDestination destination,
                   ObjectEncryption encryption, String key, String contentSha256, Path file, long expectedSize,
                   String uri, StageListener listener, Set<S3ObjectUpload> inFlight) {
        this.s3 = s3;
        this.parts = parts;
        this.settings = settings;
        this.destination = Objects.requireNonNull(destination, "destination");
        this.encryption = Objects.requireNonNull(encryption, "encryption");
        this.key = Objects.requireNonNull(key, "key");
        this.contentSha256 = Objects.requireNonNull(contentSha256, "contentSha256");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
        this.file = Objects.requireNonNull(file, "file");
        this.expectedSize = expectedSize;
        this.partSize = settings.partSizeFor(expectedSize);
        this.progress = new Progress(uri, expectedSize, listener);
    }

    @Override
    public void written(long end, long heldFrom, long heldTo) {
        if (expectedSize <= settings.multipartThreshold()) {
            return; // one PutObject at the end
        }
        multipartUpload();
        failEarly();
        for (int i = 0; i < held.size(); i++) {
            int part = held.get(i);
            if (!overlaps(part, heldFrom, heldTo)) {
                held.remove(i--);
                send(part, partSize);
            }
        }
        for (; (long) (nextPart + 1) * partSize <= end; nextPart++) {
            if (overlaps(nextPart, heldFrom, heldTo)) {
                held.add(nextPart);
            } else {
                send(nextPart, partSize);
            }
        }
    }

    @Override
    public long finish(long size) {
        try {
            if (uploadId == null && size <= settings.multipartThreshold()) {
                putObject(size);
            } else {
                held.forEach(part -> send(part, partSize));
                held.clear();
                for (; (long) nextPart * partSize < size; nextPart++) {
                    send(nextPart, Math.min(partSize, size - (long) nextPart * partSize));
                }
                List<CompletedPart> completed = new ArrayList<>();
                for (Future<CompletedPart> part : sent) {
                    completed.add(await(part));
                }
                List<CompletedPart> ordered = MultipartParts.inOrder(completed, size, partSize);
                String id = await(uploadId);
                s3.completeMultipartUpload(b -> b.bucket(destination.bucket()).key(key).uploadId(id)
                        .multipartUpload(m -> m.parts(ordered)));
                inFlight.remove(this);
            }
        } catch (SdkException e) {
            throw S3ArtifactStore.failure("upload", destination, key, e);
        }
        progress.done(size);
        return size;
    }

    @Override
    public void abort() {
        for (Future<CompletedPart> part : sent) {
            try {
                part.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | CancellationException ignored) {
                // the failure that made us abort is the one to report
            }
        }
        abortUpload();
    }

    /**
     * Stops at once, from another thread (a JVM shutdown hook): cancels the parts still being
     * sent and aborts the multipart upload, so an interrupted build leaves no parts in the bucket.
     */
    void abortNow() {
        sent.forEach(part -> part.cancel(true));
        abortUpload();
    }

    String key() {
        return key;
    }

    /**
     * Aborts the multipart upload, if one was created. S3: a part still being sent when the
     * upload is aborted may be stored anyway, so abort "multiple times" until it is no longer
     * listed (AbortMultipartUpload, API reference); three rounds are plenty.
     */
    private void abortUpload() {
        if (uploadId == null) {
            return;
        }
        try {
            String id = uploadId.get(30, TimeUnit.SECONDS);
            s3.abortMultipartUpload(b -> b.bucket(destination.bucket()).key(key).uploadId(id));
            // the listing needs s3:ListBucketMultipartUploads: without it, the one abort above is all we do
            for (int round = 0; round < 2 && listed(id); round++) {
                s3.abortMultipartUpload(b -> b.bucket(destination.bucket()).key(key).uploadId(id));
            }
        } catch (SdkException | ExecutionException | CancellationException | TimeoutException ignored) {
            // the original failure is what the user needs; a later build aborts what is left (abortAbandonedUploads)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.remove(this);
        }
    }

    private boolean listed(String id) {
        return s3.listMultipartUploads(b -> b.bucket(destination.bucket()).prefix(key)).uploads().stream()
                .anyMatch(u -> u.uploadId().equals(id) && u.key().equals(key));
    }

    private boolean overlaps(int part, long heldFrom, long heldTo) {
        long start = (long) part * partSize;
        return heldFrom < heldTo && heldFrom < start + partSize && start < heldTo;
    }

    private void putObject(long size) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(destination.bucket()).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32).metadata(metadata());
        encrypt(encryption, request::serverSideEncryption, request::ssekmsKeyId);
        AtomicLong attempt = new AtomicLong();
        s3.putObject(request.build(), RequestBody.fromContentProvider(() -> {
            progress.add(-attempt.getAndSet(0)); // a retry starts again
            return FileRangeStream.open(file, 0, size, n -> {
                attempt.addAndGet(n);
                progress.add(n);
            });
        }, size, OCTET_STREAM));
    }

    private void send(int part, long length) {
        Future<String> upload = multipartUpload();
        long start = (long) part * partSize;
        int partNumber = part + 1;
        sent.add(parts.submit(() -> {
            // never blocks for long: the pool takes tasks in order, so the creation already runs or ran
            String id = await(upload);
            AtomicLong attempt = new AtomicLong();
            UploadPartResponse uploaded = s3.uploadPart(b -> b.bucket(destination.bucket()).key(key).uploadId(id)
                            .partNumber(partNumber).contentLength(length).checksumAlgorithm(ChecksumAlgorithm.CRC32),
                    RequestBody.fromContentProvider(() -> {
                        progress.add(-attempt.getAndSet(0)); // a retry starts the part again
                        return FileRangeStream.open(file, start, length, n -> {
                            attempt.addAndGet(n);
                            progress.add(n);
                        });
                    }, length, OCTET_STREAM));
            return CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag())
                    .checksumCRC32(uploaded.checksumCRC32()).build();
        }));
    }

    /** The multipart upload's id, asked for on the first call. */
    private Future<String> multipartUpload() {
        if (uploadId == null) {
            uploadId = parts.submit(this::createMultipartUpload);
            inFlight.add(this); // from now on, a stopped build has an upload to abort
        }
        return uploadId;
    }

    private String createMultipartUpload() {
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
                .bucket(destination.bucket()).key(key).contentType(OCTET_STREAM)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32).metadata(metadata());
        encrypt(encryption, create::serverSideEncryption, create::ssekmsKeyId);
        try {
            return s3.createMultipartUpload(create.build()).uploadId();
        } catch (SdkException e) {
            throw S3ArtifactStore.failure("upload", destination, key, e);
        }
    }

    private Map<String, String> metadata() {
        return Map.of(ArtifactMetadata.CONTENT_SHA256, contentSha256);
    }

    /** Sets SSE-S3, or SSE-KMS with the key's ARN, on a request builder. */
    static void encrypt(ObjectEncryption encryption, Consumer<ServerSideEncryption> algorithm, Consumer<String> kmsKey) {
        algorithm.accept(ServerSideEncryption.fromValue(encryption.algorithm()));
        encryption.kmsKeyArn().ifPresent(kmsKey);
    }

    /** A part that already failed stops the writing at once instead of after the whole artifact. */
    private void failEarly() {
        for (Future<CompletedPart> part : sent) {
            if (part.isDone()) {
                await(part);
            }
        }
    }

    private <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackagingException("Interrupted while uploading s3://" + destination.bucket() + "/" + key, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SdkException sdk) {
                throw S3ArtifactStore.failure("upload", destination, key, sdk);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Bytes sent for one object, reported at most once per MiB and when done. */
    private static final class Progress {
        private static final long STEP = 1L << 20;
        private final String uri;
        private final long expected;
        private final StageListener listener;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong reported = new AtomicLong();

        Progress(String uri, long expected, StageListener listener) {
            this.uri = uri;
            this.expected = expected;
            this.listener = listener;
        }

        void add(long bytes) {
            long now = sent.addAndGet(bytes);
            long last = reported.get();
            if (now - last >= STEP && reported.compareAndSet(last, now)) {
                // the total is an upper bound while the file is still being written
                listener.on(new UploadProgress(uri, now, Math.max(now, expected)));
            }
        }

        void done(long size) {
            listener.on(new UploadProgress(uri, size, size));
        }
    }
}
