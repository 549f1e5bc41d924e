package dev.samstage.core.packaging;

import java.util.Optional;

/**
 * Decides what to do with an object already stored under an artifact's content key. Keys are
 * content hashes, so a wrong object under one would be reused by every later build: an object
 * is reused only when samstage recorded that it wrote it for this very content and its size is
 * possible for it, and only with the stage's encryption (prod's KMS key, not dev's SSE-S3).
 */
sealed interface ReuseCheck {

    /** The object is the artifact, encrypted as the stage wants: nothing to send. */
    record Reuse() implements ReuseCheck {
    }

    /** The object is the artifact but encrypted otherwise: copy it in place with the stage's encryption. */
    record Reencrypt(ObjectEncryption from) implements ReuseCheck {
    }

    /** The object is not verifiably the artifact: upload it again. */
    record Replace(String reason) implements ReuseCheck {
    }

    static ReuseCheck of(StoredObject stored, ArtifactPayload payload, ObjectEncryption wanted) {
        Optional<String> recorded = stored.contentSha256();
        if (recorded.isEmpty()) {
            return new Replace("it has no " + ArtifactMetadata.CONTENT_SHA256 + " record, so samstage did not write it"
                    + " or an earlier version did");
        }
        if (!recorded.get().equals(payload.sha256())) {
            return new Replace("it was written for content " + recorded.get());
        }
        if (!payload.possibleSize(stored.size())) {
            return new Replace("its size (" + stored.size() + " bytes) cannot be that of this artifact");
        }
        if (!stored.encryption().equals(wanted)) {
            return new Reencrypt(stored.encryption());
        }
        return new Reuse();
    }
}
