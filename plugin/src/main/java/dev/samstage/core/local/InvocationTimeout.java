package dev.samstage.core.local;

/**
 * Which limit ends a slow invocation first, and what the client then gets, as in AWS.
 *
 * <p>A function that runs past its {@code Timeout} is stopped by Lambda and reported as a
 * function error ("Task timed out"); the Lambda proxy integration turns that into
 * {@code 502 {"message": "Internal server error"}} (HTTP APIs: {@code 500}, see
 * {@link GatewayResponse#functionFailed}). Only when the API's integration
 * timeout comes first does API Gateway itself give up, with
 * {@code 504 {"message": "Endpoint request timed out"}}. The integration timeout is 29 s
 * for REST APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html,
 * "Integration timeout": 50 ms - 29 s) and 30 s for HTTP APIs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
 *
 * @param seconds       how long the invocation may run
 * @param gatewayFirst  whether API Gateway's integration timeout ends it (else the function's Timeout)
 * @param api           the kind of API in front of the function
 */
record InvocationTimeout(int seconds, boolean gatewayFirst, ApiKind api) {

    static final int REST_INTEGRATION_TIMEOUT_SECONDS = 29;
    static final int HTTP_INTEGRATION_TIMEOUT_SECONDS = 30;

    static InvocationTimeout of(LocalFunction function, ApiKind api) {
        int gateway = api == ApiKind.REST ? REST_INTEGRATION_TIMEOUT_SECONDS : HTTP_INTEGRATION_TIMEOUT_SECONDS;
        return function.timeoutSeconds() < gateway
            ? new InvocationTimeout(function.timeoutSeconds(), false, api)
            : new InvocationTimeout(gateway, true, api);
    }

    /** The client's response when the invocation runs out of time. */
    GatewayResponse response() {
        return gatewayFirst ? GatewayResponse.timedOut() : GatewayResponse.functionFailed(api);
    }
}
