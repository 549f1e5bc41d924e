package dev.samstage.core.packaging;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a stage's artifacts go: the bucket, the key prefix (no leading or trailing slash) and
 * the KMS key for SSE-KMS (SSE-S3 when absent).
 */
public record ArtifactDestination(String bucket, String prefix, Optional<KmsKeyReference> kmsKey) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public ArtifactDestination {
        Objects.requireNonNull(bucket, "bucket");
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new PackagingException("The artifact bucket '" + bucket + "' (-Dsamstage.bucket or the stage's bucket)"
                    + " is not a valid S3 bucket name; use 3-63 lower-case letters, digits, dots and hyphens.");
        }
        prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        Objects.requireNonNull(kmsKey, "kmsKey");
    }

    /** The object key for a file name: {@code <prefix>/<name>}, or just the name without a prefix. */
    public String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }
}
