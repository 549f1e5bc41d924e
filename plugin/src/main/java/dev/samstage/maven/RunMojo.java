package dev.samstage.maven;

import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.local.LocalStage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Keeps the service up in this JVM behind the local API Gateway until Ctrl-C, printing its
 * routes: {@code sam local start-api} without Docker. Uses the stage's parameter overrides
 * ({@code -Denv=local} by default).
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class RunMojo extends AbstractLocalMojo {

    /** Port to listen on; 0 picks a free one. */
    @Parameter(property = "samstage.localPort", defaultValue = "3000")
    protected int localPort;

    /** Stops by itself after this long (ISO-8601 like {@code PT30S}, or seconds); runs until Ctrl-C when unset. */
    @Parameter(property = "samstage.runFor")
    protected String runFor;

    @Override
    protected void execute(Environment stage, Path template, StageListener listener)
            throws MojoExecutionException, MojoFailureException {
        Duration limit = limit();
        CountDownLatch stopped = new CountDownLatch(1);
        try (LocalStage local = LocalStage.start(LocalStages.request(project, session, template, stage, localPort,
                localPassCredentials), listener)) {
            Thread hook = new Thread(stopped::countDown, "samstage-run-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            listener.on(StageEvent.info(limit == null ? "Press Ctrl-C to stop" : "Stopping in " + limit.toSeconds() + " s"));
            if (limit == null) {
                stopped.await();
            } else {
                stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS);
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Duration limit() {
        return runFor == null || runFor.isBlank() ? null : Durations.parse(runFor, "samstage.runFor");
    }
}
