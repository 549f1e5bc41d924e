package dev.samstage.testkit;

import java.net.URI;

/**
 * Where a stage's functions are invoked: the local stage's Lambda Invoke API, or the functions
 * of a deployed stack. Found without the stage's API, so a service without one can be tested.
 *
 * @param lambdaEndpoint the Lambda Invoke API endpoint of a local stage, or {@code null}
 * @param stackName      the deployed stage's stack, when there is no Lambda endpoint
 * @param region         the stage's region, or {@code null} for the SDK's region chain
 * @param source         where this was found, for messages
 */
record FunctionTarget(URI lambdaEndpoint, String stackName, String region, String source) {

    boolean local() {
        return lambdaEndpoint != null;
    }
}
