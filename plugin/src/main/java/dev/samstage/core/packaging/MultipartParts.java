package dev.samstage.core.packaging;

import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The part list of a CompleteMultipartUpload as S3 accepts it. S3 rules (CompleteMultipartUpload
 * and UploadPart, Amazon S3 API Reference; "Amazon S3 multipart upload limits"): parts listed in
 * ascending part number ({@code InvalidPartOrder}), part numbers 1 to 10,000, every part but the
 * last at least 5 MiB ({@code EntityTooSmall}).
 */
final class MultipartParts {

    private MultipartParts() {
    }

    /**
     * The parts sorted by part number, after checking they are exactly parts 1..n of an object of
     * {@code size} bytes cut into {@code partSize} pieces. A gap or a duplicate is a defect here,
     * never something to send.
     */
    static List<CompletedPart> inOrder(List<CompletedPart> parts, long size, long partSize) {
        List<CompletedPart> ordered = parts.stream().sorted(Comparator.comparing(CompletedPart::partNumber)).toList();
        long expected = Math.max(1, (size + partSize - 1) / partSize);
        if (expected > S3TransferSettings.MAX_PARTS || (expected > 1 && partSize < S3TransferSettings.MIN_PART)) {
            throw new IllegalStateException("a multipart upload of " + size + " bytes in parts of " + partSize
                    + " bytes breaks S3's limits (at most 10,000 parts, 5 MiB each but the last)");
        }
        if (ordered.size() != expected) {
            throw new IllegalStateException("a multipart upload of " + size + " bytes in parts of " + partSize
                    + " bytes needs " + expected + " parts, not " + ordered.size());
        }
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).partNumber() != i + 1) {
                throw new IllegalStateException("part " + (i + 1) + " of " + expected + " is missing; parts sent: "
                        + ordered.stream().map(CompletedPart::partNumber).toList());
            }
        }
        return ordered;
    }
}
