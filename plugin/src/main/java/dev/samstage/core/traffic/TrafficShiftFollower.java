package dev.samstage.core.traffic;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.deploy.ExecutionFollower;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;

/**
 * Traffic shifting as part of a deployment: before the change set executes, warns about
 * stage alarms already in ALARM (they would stop the shift at once); while it executes,
 * runs a {@link TrafficShiftWatcher} beside the stack events; when the stack has settled,
 * turns a failed shift into the deployment's root cause (CodeDeploy error code and alarms).
 */
public final class TrafficShiftFollower implements ExecutionFollower {

    /** How long the watch may go on after the stack settled (CodeDeploy reports a moment later). */
    static final Duration AFTER_STACK = Duration.ofMinutes(2);

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;

    public TrafficShiftFollower() {
        this(Clock.systemUTC(), Sleeper.SYSTEM, Duration.ofSeconds(5));
    }

    /** @param pollInterval how often CodeDeploy is read while traffic shifts */
    public TrafficShiftFollower(Clock clock, Sleeper sleeper, Duration pollInterval) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.pollInterval = pollInterval;
    }

    @Override
    public void beforeExecution(AwsClientFactory clients, Environment stage, StageListener listener) {
        if (stage.alarms().isEmpty()) {
            return;
        }
        try (CloudWatchClient cloudWatch = clients.cloudWatch()) {
            new AlarmPreflight(cloudWatch, listener).check(stage.name(), stage.alarms());
        }
    }

    @Override
    public Following follow(AwsClientFactory clients, String stackName, Instant started, StageListener listener) {
        CodeDeployClient codeDeploy = clients.codeDeploy();
        CloudWatchClient cloudWatch = clients.cloudWatch();
        CloudFormationClient cloudFormation = clients.cloudFormation();
        TrafficShiftWatcher watcher = new TrafficShiftWatcher(codeDeploy, cloudWatch, cloudFormation, listener, clock, sleeper)
                .timing(pollInterval, Duration.ofHours(2));
        CompletableFuture<TrafficShiftOutcome> watch = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                watch.complete(watcher.watch(stackName, started));
            } catch (RuntimeException e) {
                watch.completeExceptionally(e);
            }
        }, "samstage-traffic");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            try {
                TrafficShiftOutcome outcome = watch.get(AFTER_STACK.toMillis(), TimeUnit.MILLISECONDS);
                return outcome.succeeded() ? Optional.empty() : Optional.of(outcome.summary());
            } catch (TimeoutException e) {
                thread.interrupt();
                listener.on(StageEvent.warn("Stopped watching traffic shifting in stack " + stackName + " "
                        + AFTER_STACK.toMinutes() + " minutes after the stack settled; see the CodeDeploy console for its end."));
                return Optional.empty();
            } catch (ExecutionException e) {
                listener.on(StageEvent.warn("Could not follow traffic shifting in stack " + stackName + ": "
                        + reason(e.getCause())));
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } finally {
                codeDeploy.close();
                cloudWatch.close();
                cloudFormation.close();
            }
        };
    }

    /** Why the watch stopped, in one line; a refused call names the gap in the role instead of the SDK's text. */
    static String reason(Throwable failure) {
        if (failure instanceof AwsServiceException e && (e.statusCode() == 403 || (e.awsErrorDetails() != null
                && String.valueOf(e.awsErrorDetails().errorCode()).startsWith("AccessDenied")))) {
            String service = e.awsErrorDetails() == null ? "AWS" : e.awsErrorDetails().serviceName();
            return "the deploying credentials were refused a " + service + " call (HTTP " + e.statusCode() + "), so the shift's"
                    + " progress and CodeDeploy's error are not shown; the stack's own result still decides the deploy. Grant the"
                    + " deployment role CodeDeploy's read actions: regenerate it with mvn samstage:pipeline and update the"
                    + " deployment role stack.";
        }
        return failure.getMessage();
    }
}
