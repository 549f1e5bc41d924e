package dev.samstage.core.packaging;

/**
 * The user metadata samstage writes on every object it stores ({@code x-amz-meta-*} in S3).
 * It ties the object to the content it was built from, so a later build reuses an object only
 * when samstage wrote it for exactly that content: an object planted under the key, or one a
 * version before this one stored (possibly with its parts in the wrong order), has no such
 * record and is written again.
 */
final class ArtifactMetadata {

    /** The content hash of the artifact (the hash that names its key). */
    static final String CONTENT_SHA256 = "samstage-content-sha256";

    private ArtifactMetadata() {
    }
}
