package dev.samstage.core.packaging;

import java.util.Objects;

/**
 * How a packaged property refers to its artifact: an {@code s3://bucket/key} string, a map of
 * bucket and key under property-specific names, or an HTTP(S) URL (templates).
 */
public sealed interface ReferenceForm {

    /** {@code s3://bucket/key}. */
    record S3Uri() implements ReferenceForm {
    }

    /** {@code {<bucketField>: bucket, <keyField>: key}}, e.g. {@code S3Bucket}/{@code S3Key}. */
    record BucketKey(String bucketField, String keyField) implements ReferenceForm {
        public BucketKey {
            Objects.requireNonNull(bucketField, "bucketField");
            Objects.requireNonNull(keyField, "keyField");
        }
    }

    /** {@code https://s3.<region>.amazonaws.com/bucket/key}, as CloudFormation reads templates. */
    record Url() implements ReferenceForm {
    }

    ReferenceForm S3_URI = new S3Uri();
    ReferenceForm URL = new Url();
    ReferenceForm S3_BUCKET_KEY = new BucketKey("S3Bucket", "S3Key");
    ReferenceForm BUCKET_KEY = new BucketKey("Bucket", "Key");
}
