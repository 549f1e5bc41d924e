package dev.samstage.core.packaging;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Lets an artifact be zipped while the store is still asked whether an object already stands
 * for it, instead of after: what the zip writer reports is held back until the lookup answers,
 * then passed on to the upload when nothing can be reused, or the writing is stopped
 * ({@link Reusable}) when something can. Only the bytes the writer reports are held, never
 * the bytes themselves: {@link WrittenBytes} reports are cumulative, so the latest one stands
 * for all before it.
 *
 * <p>Why: for one artifact there is no prefix listing to tell beforehand that its key is new,
 * and the lookup's round trip (HeadObject, about 50 ms in a fresh JVM against a local S3)
 * was spent idle before the first byte was zipped. When the object can be reused, the zip
 * writer stops at its next report, having written at most one buffer (256 KiB) too many.</p>
 *
 * @param <T> what the lookup finds when the object can be reused
 */
final class LookupGate<T> implements WrittenBytes {

    /** Thrown into the zip writer when the lookup found an object to reuse. */
    static final class Reusable extends CancellationException {
        Reusable() {
            super("an object already stands for the artifact");
        }
    }

    private final CompletableFuture<Optional<T>> lookup;
    private final WrittenBytes upload;
    private long end;
    private long heldFrom;
    private long heldTo;
    /** Whether the latest report is still to be passed on. */
    private boolean pending;

    LookupGate(CompletableFuture<Optional<T>> lookup, WrittenBytes upload) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.upload = Objects.requireNonNull(upload, "upload");
    }

    @Override
    public void written(long end, long heldFrom, long heldTo) {
        this.end = end;
        this.heldFrom = heldFrom;
        this.heldTo = heldTo;
        this.pending = true;
        if (lookup.isDone()) {
            passOn();
        }
    }

    /**
     * Waits for the lookup: what it found, or empty once the writer's latest report is passed on
     * to the upload (the artifact is to be stored).
     */
    Optional<T> await() {
        Optional<T> found = result();
        if (found.isEmpty() && pending) {
            pending = false;
            upload.written(end, heldFrom, heldTo);
        }
        return found;
    }

    private void passOn() {
        if (result().isPresent()) {
            throw new Reusable();
        }
        pending = false;
        upload.written(end, heldFrom, heldTo);
    }

    private Optional<T> result() {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
