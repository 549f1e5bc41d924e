package dev.samstage.maven;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import java.io.PrintStream;
import org.apache.maven.plugin.logging.Log;

/**
 * Renders core events on Maven's log. Progress events become one live line on an
 * interactive terminal; in batch mode or CI they are plain lines, repeated ones dropped.
 */
final class MavenStageListener implements StageListener {

    private final Log log;
    private final boolean live;
    private final PrintStream terminal;
    private String lastProgress;
    private boolean progressShowing;

    MavenStageListener(Log log, boolean interactive) {
        this.log = log;
        this.live = interactive && System.console() != null && System.getenv("CI") == null
                && System.getenv("CODEBUILD_BUILD_ID") == null;
        this.terminal = System.out;
    }

    @Override
    public synchronized void on(StageEvent event) {
        if (event.progress()) {
            progress(event.message());
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

    private void progress(String message) {
        if (message.equals(lastProgress)) {
            return;
        }
        lastProgress = message;
        if (live) {
            terminal.print("\r\u001B[2K" + message);
            terminal.flush();
            progressShowing = true;
        } else {
            log.info(message);
        }
    }

    private void clearProgress() {
        if (progressShowing) {
            terminal.print("\r\u001B[2K");
            terminal.flush();
            progressShowing = false;
        }
        lastProgress = null;
    }
}
