package dev.samstage.core.packaging;

/**
 * How {@link S3ArtifactStore} moves bytes.
 *
 * @param multipartThreshold files larger than this go up as multipart uploads
 * @param partSize           size of each part (S3 needs at least 5 MiB except for the last one)
 * @param parallelUploads    artifacts uploaded at the same time
 * @param parallelParts      parts of one multipart upload sent at the same time
 */
public record S3TransferSettings(long multipartThreshold, long partSize, int parallelUploads, int parallelParts) {

    static final long MIN_PART = 5L * 1024 * 1024;
    static final int MAX_PARTS = 10_000;

    public S3TransferSettings {
        if (partSize < MIN_PART) {
            throw new IllegalArgumentException("partSize must be at least 5 MiB: " + partSize);
        }
        if (multipartThreshold < partSize) {
            throw new IllegalArgumentException("multipartThreshold must be at least partSize: " + multipartThreshold);
        }
        if (parallelUploads < 1 || parallelParts < 1) {
            throw new IllegalArgumentException("parallelUploads and parallelParts must be positive");
        }
    }

    /** 16 MiB parts above 16 MiB, eight artifacts and four parts at a time. */
    public static S3TransferSettings defaults() {
        return new S3TransferSettings(16L << 20, 16L << 20, 8, 4);
    }

    /** The part size for a file: the configured one, grown when the file would need more than 10,000 parts. */
    long partSizeFor(long fileSize) {
        long needed = (fileSize + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(partSize, needed);
    }
}
