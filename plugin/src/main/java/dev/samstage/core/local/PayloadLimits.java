package dev.samstage.core.local;

/**
 * The size limits between the client, API Gateway and Lambda.
 *
 * <ul>
 *   <li>API Gateway accepts request payloads up to 10 MB, REST and HTTP APIs alike
 *       (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html,
 *       .../http-api-quotas.html); a bigger one gets the {@code REQUEST_TOO_LARGE} gateway
 *       response, {@code 413 {"message":"Request Too Long"}}, and no function runs.</li>
 *   <li>A synchronous Lambda invocation carries at most 6 MB each way
 *       (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html, "Invocation
 *       payload (request and response)"). An event over it is refused by Lambda
 *       ("Request must be smaller than 6291456 bytes for the InvokeFunction operation") and
 *       API Gateway answers 413 {@code Request Too Long}; a response over it fails the
 *       invocation ("Response payload size exceeded maximum allowed payload size (6291556
 *       bytes)") and the client gets the function error response
 *       ({@link GatewayResponse#functionFailed}).</li>
 * </ul>
 */
final class PayloadLimits {

    /** API Gateway's request payload limit, 10 MB. */
    static final int GATEWAY_REQUEST_BYTES = 10 * 1024 * 1024;
    /** Lambda's synchronous invocation request limit, as its error message states it. */
    static final int LAMBDA_REQUEST_BYTES = 6_291_456;
    /** Lambda's synchronous invocation response limit, as its error message states it. */
    static final int LAMBDA_RESPONSE_BYTES = 6_291_556;

    private PayloadLimits() {
    }
}
