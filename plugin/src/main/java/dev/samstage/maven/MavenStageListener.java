package dev.samstage.maven;

import dev.samstage.core.events.ProgressEvent;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.maven.plugin.logging.Log;

/**
 * Renders core events on Maven's log. Progress events become one live line on an
 * interactive terminal; in batch mode or CI they are plain lines, at most one per
 * {@link ProgressEvent#logInterval() interval of their kind} (a heartbeat in the build log, not
 * a line per MiB or per poll), repeated ones dropped.
 */
final class MavenStageListener implements StageListener {

    private final Log log;
    private final boolean live;
    private final PrintStream terminal;
    private String lastProgress;
    private boolean progressShowing;
    private final LongSupplier nanoTime;
    /** When the last plain progress line was printed; null before the first. */
    private Long lastPlainProgress;

    MavenStageListener(Log log, boolean interactive) {
        this(log, interactive && System.console() != null && System.getenv("CI") == null
                && System.getenv("CODEBUILD_BUILD_ID") == null, System::nanoTime);
    }

    MavenStageListener(Log log, boolean live, LongSupplier nanoTime) {
        this.log = log;
        this.live = live;
        this.terminal = System.out;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void on(StageEvent event) {
        if (event instanceof ProgressEvent progress) {
            progress(progress.message(), progress.logInterval());
            return;
        }
        clearProgress();
        switch (event.severity()) {
            case DEBUG -> log.debug(event.message());
            case INFO -> log.info(event.message());
            case WARN -> log.warn(event.message());
            case ERROR -> log.error(event.message());
        }
    }

    private void progress(String message, Duration logInterval) {
        if (message.equals(lastProgress)) {
            return;
        }
        lastProgress = message;
        if (live) {
            terminal.print("\r\u001B[2K" + message);
            terminal.flush();
            progressShowing = true;
        } else if (lastPlainProgress == null || nanoTime.getAsLong() - lastPlainProgress >= logInterval.toNanos()) {
            lastPlainProgress = nanoTime.getAsLong();
            log.info(message);
        }
    }

    private void clearProgress() {
        if (progressShowing) {
            terminal.print("\r\u001B[2K");
            terminal.flush();
            progressShowing = false;
            // the erased live line is shown again by the next progress event, even an unchanged one
            lastProgress = null;
        }
        // in a build log a printed line stays: the same progress again after another line would only repeat it
    }
}
