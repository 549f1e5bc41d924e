package dev.samstage.testing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.StageException;
import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.deploy.DeployRequest;
import dev.samstage.core.deploy.DeployResult;
import dev.samstage.core.deploy.StageDeployer;
import dev.samstage.testing.aws.LocalAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Deploying through {@link FaultInjectingProxy} with the deployer the deploy goal uses: under
 * 20% faults a first deploy and an update succeed with each change set executed by one call
 * (retries carry the same client request token), and a dead endpoint fails quickly with one line.
 */
class DeployUnderFaultsTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private static FaultInjectingProxy proxy;

    @TempDir
    Path dir;

    @BeforeAll
    static void startProxy() {
        proxy = FaultInjectingProxy.start(LocalAws.get().endpoint(), FaultPlan.none());
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @BeforeEach
    void reset() {
        proxy.plan(FaultPlan.none());
        LocalAws.get().reset();
        proxy.clearExchanges();
    }

    @Test
    void createsAndUpdatesTheStackExecutingEachChangeSetOnceUnderTwentyPercentFaults() throws IOException {
        proxy.plan(FaultPlan.errors(0.20, 0.05, 4242L));

        DeployResult created = deploy(template("v1", 2));
        DeployResult updated = deploy(template("v2", 3));

        assertThat(created.primary().outcome()).isEqualTo(DeployResult.Outcome.CREATED);
        assertThat(updated.primary().outcome()).isEqualTo(DeployResult.Outcome.UPDATED);
        assertThat(updated.primary().outputs()).containsKey("Queue2Url");
        List<Exchange> exchanges = proxy.exchanges();
        assertThat(exchanges.stream().filter(e -> e.fault().filter(f -> f != Fault.SLOW).isPresent()))
                .as("faults injected").hasSizeGreaterThanOrEqualTo(5);

        Map<String, List<Exchange>> executions = exchanges.stream().filter(e -> e.operation().equals("ExecuteChangeSet"))
                .collect(Collectors.groupingBy(e -> e.form().get("ChangeSetName")));
        assertThat(executions.keySet()).containsExactlyInAnyOrder(created.primary().changeSetId().orElseThrow(),
                updated.primary().changeSetId().orElseThrow());
        executions.forEach((changeSet, calls) -> {
            assertThat(calls.stream().map(Exchange::invocationId).distinct()).as("ExecuteChangeSet calls for %s", changeSet)
                    .hasSize(1);
            assertThat(calls.stream().map(e -> e.form().get("ClientRequestToken")).distinct())
                    .as("client request tokens of %s", changeSet).hasSize(1).doesNotContainNull();
        });
        Map<String, Long> createCalls = exchanges.stream().filter(e -> e.operation().equals("CreateChangeSet"))
                .collect(Collectors.groupingBy(Exchange::invocationId, Collectors.counting()));
        assertThat(createCalls).as("CreateChangeSet calls, one per deploy").hasSize(2);
    }

    @Test
    void anExecutionWhoseAnswerIsLostIsRetriedWithItsTokenAndRunsOnce() throws IOException {
        deploy(template("v1", 1));
        proxy.plan(FaultPlan.always(Fault.RESET_AFTER).onlyFor("ExecuteChangeSet").times(2));
        proxy.clearExchanges();

        DeployResult updated = deploy(template("v2", 2));

        assertThat(updated.primary().outcome()).isEqualTo(DeployResult.Outcome.UPDATED);
        List<Exchange> executions = proxy.exchanges().stream().filter(e -> e.operation().equals("ExecuteChangeSet")).toList();
        assertThat(executions).hasSize(3).allMatch(Exchange::reachedService);
        assertThat(executions).extracting(Exchange::fault)
                .containsExactly(Optional.of(Fault.RESET_AFTER), Optional.of(Fault.RESET_AFTER), Optional.empty());
        assertThat(executions.stream().map(Exchange::invocationId).distinct()).hasSize(1);
        assertThat(executions.stream().map(e -> e.form().get("ClientRequestToken")).distinct()).hasSize(1);
        assertThat(executions.get(2).upstreamStatus()).isEqualTo(200);
        assertThat(updated.primary().outputs()).containsKeys("Queue0Url", "Queue1Url");
    }

    @Test
    void failsWithinABoundWithOneLineWhenEveryRequestFails() throws IOException {
        Path template = template("v1", 1);
        proxy.plan(FaultPlan.errors(1.0, 0, 11L));
        long start = System.nanoTime();

        assertThatThrownBy(() -> deploy(template))
                .isInstanceOf(StageException.class)
                .hasMessageStartingWith("Cannot assume role arn:aws:iam::111111111111:role/orders-us-east-1-DeploymentRole:"
                        + " STS kept failing (")
                .hasMessageEndingWith(") after retrying; STS is throttling, failing or unreachable, run the build again later.")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining(LocalAws.SECRET_KEY);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        assertThat(proxy.exchanges()).noneMatch(e -> e.operation().equals("ExecuteChangeSet") && e.reachedService());
    }

    private DeployResult deploy(Path template) {
        Environment dev = Environment.builder("dev").accountId("111111111111").regions(List.of("us-east-1"))
                .stackName("orders-dev").build();
        try (AwsClientFactory base = AwsClientFactory.create("us-east-1", StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)), proxy.endpoint())) {
            return new StageDeployer(base, event -> { })
                    .withEnvironmentVariables(Map.of("CODEBUILD_BUILD_ID", "orders:build-7"))
                    .deploy(new DeployRequest(dev, "orders", template, Optional.empty(), dir.resolve("out"),
                            Optional.empty(), false, Map.of()));
        }
    }

    /** Topics and queues, with outputs; {@code queues} grows between versions. */
    private Path template(String version, int queues) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                AWSTemplateFormatVersion: '2010-09-09'
                Description: orders %s
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      DisplayName: orders-%s
                """.formatted(version, version));
        StringBuilder outputs = new StringBuilder("Outputs:\n  TopicArn:\n    Value: !Ref Topic\n");
        for (int i = 0; i < queues; i++) {
            yaml.append("  Queue").append(i).append(":\n    Type: AWS::SQS::Queue\n");
            outputs.append("  Queue").append(i).append("Url:\n    Value: !Ref Queue").append(i).append('\n');
        }
        Path file = dir.resolve("packaged-" + version + ".yaml");
        Files.writeString(file, yaml.append(outputs).toString());
        return file;
    }
}
