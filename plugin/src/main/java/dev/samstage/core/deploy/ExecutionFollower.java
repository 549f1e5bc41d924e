package dev.samstage.core.deploy;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageListener;
import java.time.Instant;
import java.util.Optional;

/**
 * Follows what executing a change set sets off besides the stack's own events, such as
 * CodeDeploy shifting traffic to a new Lambda version, and has a say before it starts.
 * Runs with the stage account's clients of the region being deployed.
 */
public interface ExecutionFollower {

    /** Follows nothing. */
    ExecutionFollower NONE = new ExecutionFollower() {
        @Override
        public Following follow(AwsClientFactory clients, String stackName, Instant started, StageListener listener) {
            return Optional::empty;
        }
    };

    /** Checks made before the change set executes (for example alarms already firing); may warn or throw. */
    default void beforeExecution(AwsClientFactory clients, Environment stage, StageListener listener) {
    }

    /** Starts following the execution that began at {@code started}, beside the stack event stream. */
    Following follow(AwsClientFactory clients, String stackName, Instant started, StageListener listener);

    /** A follow in progress. */
    @FunctionalInterface
    interface Following {

        /**
         * Waits for the follow to end, once the stack settled, and returns why it failed, if it
         * did: the deeper cause of a rollback that the stack's own events do not tell.
         */
        Optional<String> failure();
    }
}
