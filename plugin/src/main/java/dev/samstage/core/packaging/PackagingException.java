package dev.samstage.core.packaging;

import dev.samstage.core.StageException;

/**
 * Packaging cannot go on: a property names a path that does not exist or lies outside the
 * project, the artifact bucket is missing, a KMS key is malformed, an upload failed. The
 * message names the resource, property and value (or the bucket) and says what to do.
 */
public final class PackagingException extends StageException {

    public PackagingException(String message) {
        super(message);
    }

    public PackagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
