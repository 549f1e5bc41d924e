package dev.samstage.core.packaging;

import java.util.Objects;
import java.util.Optional;

/**
 * What a store holds under a content-addressed key, as far as it can tell without reading it.
 *
 * @param size          the object's size in bytes
 * @param contentSha256 the content hash samstage recorded when it wrote the object (its
 *                      {@value ArtifactMetadata#CONTENT_SHA256} metadata); empty for an object
 *                      samstage did not write, or wrote before it recorded one
 * @param encryption    how the object is encrypted at rest
 */
public record StoredObject(long size, Optional<String> contentSha256, ObjectEncryption encryption) {

    public StoredObject {
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(encryption, "encryption");
    }
}
