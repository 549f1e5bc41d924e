package dev.samstage.core.packaging;

import dev.samstage.core.events.ProgressEvent;
import java.util.Locale;

/** Bytes of one artifact sent so far; the next event for the same artifact replaces it. */
public record UploadProgress(String uri, long sent, long total) implements ProgressEvent {

    @Override
    public String message() {
        return String.format(Locale.ROOT, "Uploading %s: %s of %s", uri, mebibytes(sent), mebibytes(total));
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
