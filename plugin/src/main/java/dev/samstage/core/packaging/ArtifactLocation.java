package dev.samstage.core.packaging;

/**
 * Where a stored artifact can be referenced from a template.
 *
 * @param bucket the bucket (for a local store: the URI of its directory)
 * @param key    the object key
 * @param uri    {@code s3://bucket/key} (for a local store: the file URI)
 * @param url    an HTTP(S) URL CloudFormation can read a template from (for a local store: the file URI)
 */
public record ArtifactLocation(String bucket, String key, String uri, String url) {
}
