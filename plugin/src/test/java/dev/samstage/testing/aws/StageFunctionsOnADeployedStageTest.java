package dev.samstage.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.testkit.FunctionResult;
import dev.samstage.testkit.StageConfigurationException;
import dev.samstage.testkit.StageFunctions;
import dev.samstage.testkit.StageProperties;
import dev.samstage.testkit.StageTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The test kit's {@link StageFunctions} on a deployed stage, as a service's suite uses it: the
 * stage is {@link ProbeService}'s stack on the local AWS (real Java functions, run by its Lambda),
 * named by {@code samstage.stackName}; the suite names a function by its logical id, the kit finds
 * it in the stack (DescribeStackResource) and invokes it in Lambda with the default credentials.
 */
@WithProbeService
class StageFunctionsOnADeployedStageTest {

    private final ProbeService service;

    StageFunctionsOnADeployedStageTest(ProbeService service) {
        this.service = service;
    }

    /** A suite's test: invokes {@link #function} with {@link #event} and keeps what came back. */
    @StageTest
    static class InvokesAFunction {
        static volatile String function;
        static volatile String event;
        static volatile FunctionResult result;

        @Test
        void invokesIt(StageFunctions functions) {
            result = functions.invoke(function, event);
        }
    }

    @BeforeEach
    void noResultYet() {
        InvokesAFunction.result = null;
    }

    @Test
    void aSuiteInvokesAFunctionByItsLogicalIdInTheStacksLambdaAndGetsItsResultAndLog() {
        TestExecutionSummary summary = suiteInvokes("ProbeFunction", "{\"answer\":42}");

        assertThat(failures(summary)).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        FunctionResult result = InvokesAFunction.result;
        assertThat(result.failed()).isFalse();
        assertThat(result.errorType()).isEmpty();
        assertThat(result.json().get("echo").get("answer").asInt()).isEqualTo(42);
        // the function the kit invoked is the stack's, named by CloudFormation from the logical id
        assertThat(service.physicalId("ProbeFunction")).startsWith(service.stackName + "-ProbeFunction-");
        assertThat(result.json().get("invokedArn").asText()).endsWith(":function:" + service.physicalId("ProbeFunction"));
        assertThat(result.log()).contains("probe printed this");
    }

    @Test
    void aHandlerThatThrowsIsAFailedResultWithLambdasErrorTypeAndMessage() {
        TestExecutionSummary summary = suiteInvokes("ProbeFunction", "{\"fail\":\"on purpose\"}");

        assertThat(failures(summary)).isEmpty();
        // Lambda's answer to a handler that threw, as the suite received it from the deployed function
        assertThat(InvokesAFunction.result)
                .returns(true, FunctionResult::failed)
                .returns("Unhandled", FunctionResult::functionError)
                .returns(Optional.of("java.lang.IllegalStateException"), FunctionResult::errorType)
                .returns(Optional.of("asked to fail: on purpose"), FunctionResult::errorMessage);
    }

    @Test
    void aLogicalIdTheStackDoesNotHaveFailsTheSuitesTestWithOneLineNamingTheStack() {
        TestExecutionSummary summary = suiteInvokes("OrderFunction", "{}");

        assertThat(InvokesAFunction.result).isNull();
        assertThat(summary.getFailures()).singleElement().satisfies(failure -> assertThat(failure.getException())
                .isInstanceOf(StageConfigurationException.class)
                .hasMessageStartingWith("Stack " + service.stackName + " in " + ProbeService.REGION
                        + " has no resource OrderFunction (")
                .hasMessageEndingWith("); name the function by its logical id in template.yaml"));
    }

    private static List<String> failures(TestExecutionSummary summary) {
        return summary.getFailures().stream().map(failure -> String.valueOf(failure.getException())).toList();
    }

    /** Runs the suite against the stack, with the local AWS's credentials in the default chain (system properties). */
    private TestExecutionSummary suiteInvokes(String function, String event) {
        InvokesAFunction.function = function;
        InvokesAFunction.event = event;
        Map<String, String> configuration = Map.of(
                StageProperties.STACK_NAME, service.stackName,
                StageProperties.REGION, ProbeService.REGION,
                StageProperties.AWS_ENDPOINT_URL, LocalAws.get().endpoint().toString());
        Map<String, String> previous = new HashMap<>();
        Map<String, String> credentials = Map.of("aws.accessKeyId", LocalAws.ACCESS_KEY, "aws.secretAccessKey", LocalAws.SECRET_KEY);
        credentials.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        try {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(InvokesAFunction.class))
                    .configurationParameters(configuration)
                    .build(), listener);
            return listener.getSummary();
        } finally {
            for (String key : List.copyOf(credentials.keySet())) {
                if (previous.get(key) == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, previous.get(key));
                }
            }
        }
    }
}
