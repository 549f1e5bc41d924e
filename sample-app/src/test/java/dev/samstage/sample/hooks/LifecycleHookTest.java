package dev.samstage.sample.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.sample.quotes.Catalog;
import dev.samstage.sample.quotes.QuoteApiHandler;
import dev.samstage.sample.quotes.QuotePricing;
import dev.samstage.sample.quotes.ServiceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pre-traffic hook drives the real API handler in-process, through the same JSON the Lambda
 * runtime would exchange, and must report exactly one status to CodeDeploy whatever happens.
 * (The post-traffic hook is the test kit's suite runner: {@link PostTrafficHookIT}.)
 */
class LifecycleHookTest {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String VERSION_ARN = "arn:aws:lambda:eu-west-1:111111111111:function:quote:7";
    private static final Map<String, Object> EVENT = Map.of("DeploymentId", "d-ABC123", "LifecycleEventHookExecutionId", "exec-1");

    private final List<String> reports = new ArrayList<>();
    private final List<String> invoked = new ArrayList<>();
    private final RecordingContext context = new RecordingContext();

    private HookStatusReporter reporter() {
        return (deployment, execution, succeeded) -> reports.add(deployment + "/" + execution + "=" + (succeeded ? "Succeeded" : "Failed"));
    }

    /** Runs the real handler as Lambda would: JSON in, JSON out. */
    private FunctionInvoker inProcess(String stage) {
        Catalog catalog = Catalog.bundled();
        QuoteApiHandler handler = new QuoteApiHandler(catalog, QuotePricing.standard(catalog),
                new ServiceInfo("quote-service", "test", stage));
        return (function, payload) -> {
            invoked.add(function);
            try {
                APIGatewayProxyRequestEvent request = JSON.readValue(payload, APIGatewayProxyRequestEvent.class);
                APIGatewayProxyResponseEvent response = handler.handleRequest(request, context);
                return JSON.writeValueAsString(Map.of("statusCode", response.getStatusCode(), "body", response.getBody()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void preTrafficPassesWhenTheNewVersionIsHealthyInItsStage() {
        PreTrafficHook hook = new PreTrafficHook(inProcess("dev"), reporter(),
                Map.of("TARGET_VERSION", VERSION_ARN, "STAGE", "dev")::get);

        assertThat(hook.handleRequest(EVENT, context)).isEqualTo("Succeeded");
        assertThat(invoked).containsExactly(VERSION_ARN);
        assertThat(reports).containsExactly("d-ABC123/exec-1=Succeeded");
        assertThat(context.log).contains("PASSED pre-traffic health check on " + VERSION_ARN);
    }

    @Test
    void preTrafficFailsWhenTheVersionReportsAnotherStage() {
        PreTrafficHook hook = new PreTrafficHook(inProcess("prod"), reporter(),
                Map.of("TARGET_VERSION", VERSION_ARN, "STAGE", "dev")::get);

        assertThat(hook.handleRequest(EVENT, context)).isEqualTo("Failed");
        assertThat(reports).containsExactly("d-ABC123/exec-1=Failed");
        assertThat(context.log).contains("FAILED pre-traffic health check", "unexpected body");
    }

    @Test
    void aFunctionErrorIsReportedAsFailedNotThrown() {
        PreTrafficHook hook = new PreTrafficHook((function, payload) -> {
            throw new IllegalStateException(function + " failed (Unhandled): {\"errorMessage\":\"boom\"}");
        }, reporter(), Map.of("TARGET_VERSION", VERSION_ARN, "STAGE", "dev")::get);

        assertThat(hook.handleRequest(EVENT, context)).isEqualTo("Failed");
        assertThat(reports).containsExactly("d-ABC123/exec-1=Failed");
        assertThat(context.log).contains("boom");
    }

    @Test
    void aMissingTargetVariableFailsTheHookAndSaysWhich() {
        PreTrafficHook hook = new PreTrafficHook(inProcess("dev"), reporter(), Map.of("STAGE", "dev")::get);

        assertThat(hook.handleRequest(EVENT, context)).isEqualTo("Failed");
        assertThat(invoked).isEmpty();
        assertThat(context.log).contains("environment variable TARGET_VERSION is not set");
    }
}
