package dev.samstage.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The local AWS runs a Java function's code when it is invoked, as Lambda's Java runtime does: a
 * small service ({@link ProbeService}) deployed through CloudFormation with the SAM transform,
 * invoked with the SDK's LambdaClient.
 */
@WithProbeService
class LocalLambdaInvokeTest {

    private final ProbeService service;

    LocalLambdaInvokeTest(ProbeService service) {
        this.service = service;
    }

    private InvokeResponse invoke(String logicalId, String qualifier, String payload) {
        return service.lambda.invoke(r -> {
            r.functionName(service.physicalId(logicalId)).payload(SdkBytes.fromUtf8String(payload)).logType(LogType.TAIL);
            if (qualifier != null) {
                r.qualifier(qualifier);
            }
        });
    }

    private static JsonNode json(InvokeResponse response) throws IOException {
        return new ObjectMapper().readTree(response.payload().asUtf8String());
    }

    @Test
    void aRequestHandlerRunsWithTheEventBoundToItsInputTypeAndItsResultIsThePayload() throws IOException {
        InvokeResponse response = invoke("ProbeFunction", null, "{\"answer\":42}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        JsonNode result = json(response);
        assertThat(result.get("echo").get("answer").asInt()).isEqualTo(42);
        assertThat(result.get("release").asText()).isEqualTo("v1");
        assertThat(result.get("version").asText()).isEqualTo("$LATEST");
        assertThat(result.get("invokedArn").asText()).endsWith(":function:" + service.physicalId("ProbeFunction"));
        // what the function prints is its log, which LogType=Tail returns
        assertThat(new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8))
                .contains("probe printed this").contains("START RequestId: ").contains("REPORT RequestId: ");
    }

    @Test
    void theFunctionSeesItsTemplateVariablesAndLambdasReservedOnesButNothingOfTheMachineThatHostsIt() throws IOException {
        JsonNode variables = json(invoke("ProbeFunction", null, "{}")).get("variables");

        List<String> names = StreamSupport.stream(variables.spliterator(), false).map(JsonNode::asText).toList();
        // the local AWS itself runs with JAVA_HOME, HOME and SAMSTAGE_LAMBDA_CLASSPATH set (LocalAws)
        assertThat(names).containsExactlyInAnyOrder("RELEASE", "AWS_REGION", "AWS_DEFAULT_REGION",
                "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_EXECUTION_ENV", "_HANDLER",
                "LAMBDA_TASK_ROOT", "TZ", "LANG", "PATH", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL");
    }

    @Test
    void aFunctionThatSetsOneOfLambdasReservedVariablesIsRefusedAsLambdaRefusesIt() {
        String role = service.lambda.getFunction(r -> r.functionName(service.physicalId("ShoutFunction"))).configuration().role();

        assertThatThrownBy(() -> service.lambda.createFunction(r -> r.functionName(service.stackName + "-reserved").runtime("java21")
                .role(role).handler("probe.Shout::shout").code(c -> c.s3Bucket(service.bucket).s3Key("probe.zip"))
                .environment(e -> e.variables(Map.of("AWS_REGION", "us-east-1", "TZ", ":Europe/Paris")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("contains reserved keys that are currently not supported for modification."
                        + " Reserved keys used in this request: AWS_REGION");
        assertThatThrownBy(() -> service.lambda.updateFunctionConfiguration(r -> r.functionName(service.physicalId("ShoutFunction"))
                .environment(e -> e.variables(Map.of("_HANDLER", "probe.Other")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Reserved keys used in this request: _HANDLER");
    }

    @Test
    void aHandlerThatThrowsAnswersLambdasUnhandledErrorDocument() throws IOException {
        InvokeResponse response = invoke("ProbeFunction", null, "{\"fail\":\"on purpose\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(response);
        assertThat(error.get("errorMessage").asText()).isEqualTo("asked to fail: on purpose");
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("stackTrace").get(0).asText()).startsWith("probe.Probe.handleRequest(Probe.java:");
    }

    @Test
    void aHandlerClassThatIsNotInThePackageFailsTheInitPhaseAsLambdaReportsIt() throws IOException {
        InvokeResponse response = invoke("MisnamedFunction", null, "{}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(response);
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("Class not found: probe.Missing");
    }

    @Test
    void aRunLongerThanTheFunctionsTimeoutIsStoppedAndAnsweredAsATimeout() throws IOException {
        long started = System.nanoTime();
        InvokeResponse response = invoke("SlowFunction", null, "{\"sleepMillis\":15000}");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(14));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(json(response).get("errorMessage").asText()).endsWith("Task timed out after 1.00 seconds");
    }

    @Test
    void plainMethodsWithStringAndPojoInputsAndStreamHandlersRunAsLambdaBindsThem() throws IOException {
        assertThat(json(invoke("ShoutFunction", null, "\"quiet words\"")).asText()).isEqualTo("QUIET WORDS");
        assertThat(json(invoke("GreeterFunction", null, "{\"name\":\"Ada\",\"unknown\":1}")).asText())
                .isEqualTo("hello Ada from " + service.physicalId("GreeterFunction"));
        assertThat(json(invoke("EchoFunction", null, "{\"raw\":[1,2]}")).get("streamed").get("raw").get(1).asInt())
                .isEqualTo(2);
    }

    @Test
    void aPayloadThatIsNotJsonIsRefusedAsLambdaRefusesIt() {
        assertThatThrownBy(() -> invoke("ShoutFunction", null, "not json"))
                .hasMessageContaining("Could not parse request body into json");
    }

    @Test
    void anEventInvocationIsAcceptedAtOnceAndRunsAfterwardsWithTheEndpointAndCredentialsLambdaHandsIt()
            throws InterruptedException {
        String key = "ran-" + UUID.randomUUID();
        InvokeResponse response = service.lambda.invoke(r -> r.functionName(service.physicalId("RecorderFunction"))
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"bucket\":\"" + service.bucket + "\",\"key\":\"" + key + "\"}")));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.payload().asByteArray()).isEmpty();
        String written = null;
        for (int i = 0; i < 240 && written == null; i++) {
            try {
                written = service.s3.getObjectAsBytes(r -> r.bucket(service.bucket).key(key)).asUtf8String();
            } catch (NoSuchKeyException e) {
                Thread.sleep(250);
            }
        }
        assertThat(written).isEqualTo(service.physicalId("RecorderFunction"));
    }

    @Test
    void anAliasWithAdditionalVersionWeightsRunsTheVersionTheWeightsPick() throws IOException {
        String function = service.physicalId("ProbeFunction");
        service.lambda.updateFunctionConfiguration(r -> r.functionName(function)
                .environment(e -> e.variables(Map.of("RELEASE", "v2"))));
        String second = service.lambda.publishVersion(r -> r.functionName(function)).version();
        String first = service.lambda.getAlias(r -> r.functionName(function).name("live")).functionVersion();
        assertThat(second).isNotEqualTo(first);

        service.lambda.updateAlias(r -> r.functionName(function).name("live").functionVersion(first)
                .routingConfig(c -> c.additionalVersionWeights(Map.of(second, 1.0))));
        InvokeResponse all = invoke("ProbeFunction", "live", "{}");
        service.lambda.updateAlias(r -> r.functionName(function).name("live").functionVersion(first)
                .routingConfig(c -> c.additionalVersionWeights(Map.of(second, 0.0))));
        InvokeResponse none = invoke("ProbeFunction", "live", "{}");

        assertThat(all.executedVersion()).isEqualTo(second);
        assertThat(json(all).get("release").asText()).isEqualTo("v2");
        assertThat(json(all).get("invokedArn").asText()).endsWith(function + ":live");
        assertThat(none.executedVersion()).isEqualTo(first);
        assertThat(json(none).get("release").asText()).isEqualTo("v1");
    }
}
