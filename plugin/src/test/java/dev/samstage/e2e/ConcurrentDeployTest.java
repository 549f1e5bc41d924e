package dev.samstage.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.deploy.DeployRequest;
import dev.samstage.core.deploy.DeployResult;
import dev.samstage.core.deploy.DeployResult.Outcome;
import dev.samstage.core.deploy.StageDeployer;
import dev.samstage.core.events.StageEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * Two deployments of the same stage at the same moment (two builds of one commit, or a
 * retried pipeline action next to the first): one executes its change set; the other, whose
 * change set CloudFormation dropped or whose stack is busy, waits for that operation, plans
 * again and finds nothing left to do. The stack ends complete, with one execution.
 */
class ConcurrentDeployTest {

    private static final String STACK = "race-dev";

    @TempDir
    Path dir;

    private final List<StageEvent> events = new CopyOnWriteArrayList<>();
    private AwsClientFactory base;
    private AwsClientFactory dev;

    @BeforeEach
    void freshAccounts() {
        base = LocalAccounts.fresh("us-east-1");
        dev = LocalAccounts.account(base, LocalAccounts.DEV);
    }

    @AfterEach
    void closeClients() {
        dev.close();
        base.close();
    }

    /** {@code false}: both race to create the stack; {@code true}: both race to update an existing one. */
    @ParameterizedTest(name = "stack exists before: {0}")
    @ValueSource(booleans = {false, true})
    void twoDeploysOfTheSameStageAtOnceExecuteOneChangeSetAndLeaveTheStackComplete(boolean stackExists) throws Exception {
        if (stackExists) {
            deployer().deploy(request(template("v1", 0)));
        }
        String finalStatus = stackExists ? "UPDATE_COMPLETE" : "CREATE_COMPLETE";
        // long enough that the second deploy, released at the same moment, always meets the first one's operation
        DeployRequest request = request(template("v2", 6));
        int executionsBefore = executions();

        List<Object> outcomes = race(request);

        Outcome executed = stackExists ? Outcome.UPDATED : Outcome.CREATED;
        assertThat(outcomes).as("both deploys succeed: the second waits for the first").allSatisfy(o ->
                assertThat(o).isInstanceOf(DeployResult.class));
        assertThat(outcomes).extracting(o -> ((DeployResult) o).primary().outcome())
                .containsExactlyInAnyOrder(executed, Outcome.NO_CHANGES);
        assertThat(executions() - executionsBefore).as("change set executions on the stack").isOne();
        assertThat(stack().stackStatusAsString()).isEqualTo(finalStatus);
        assertThat(stack().outputs()).extracting(o -> o.outputKey()).contains("TopicArn");
        assertThat(messages()).as("the deploy that lost the race says it waited").anySatisfy(m -> assertThat(m).satisfiesAnyOf(
                w -> assertThat(w).contains("(another operation); waiting up to"),
                w -> assertThat(w).contains("got in before this deployment executed")));
        assertThat(new ObjectMapper().readTree(dir.resolve("out/outputs.json").toFile()).get("outputs").get("TopicArn").asText())
                .contains(":111111111111:");
    }

    @Test
    void aChangeSetDroppedByAnotherExecutionJustBeforeOursIsAnsweredByWaitingAndPlanningAgain() throws Exception {
        Path template = template("v1", 2);
        AtomicBoolean competed = new AtomicBoolean();
        StageDeployer deployer = new StageDeployer(base, event -> {
            events.add(event);
            // the moment this deploy is about to execute, another deployment executes its own change set
            if (event.message().startsWith("Executing change set") && competed.compareAndSet(false, true)) {
                executeCompetingChangeSet(template);
            }
        });

        DeployResult result = deployer.deploy(request(template));

        assertThat(result.primary().outcome()).isEqualTo(Outcome.NO_CHANGES);
        assertThat(executions()).as("change set executions on the stack").isOne();
        assertThat(stack().stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("Another operation on stack race-dev in us-east-1 got in "
                        + "before this deployment executed (ChangeSet [arn:aws:cloudformation:us-east-1:111111111111:changeSet/")
                        .endsWith("does not exist); waiting for it, then planning again."))
                .contains("Stack race-dev in us-east-1 is CREATE_IN_PROGRESS (another operation); waiting up to 30 min for it "
                        + "to finish.", "No changes to stack race-dev in us-east-1; nothing to execute.");
    }

    private void executeCompetingChangeSet(Path template) {
        String body;
        try {
            body = Files.readString(template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (CloudFormationClient cfn = dev.cloudFormation()) {
            String id = cfn.createChangeSet(r -> r.stackName(STACK).changeSetName("another-build")
                    .changeSetType(ChangeSetType.CREATE).templateBody(body)).id();
            cfn.executeChangeSet(r -> r.changeSetName(id));
        }
    }

    /** Runs the same request twice at once; each entry is the DeployResult or the exception it ended with. */
    private List<Object> race(DeployRequest request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                StageDeployer deployer = deployer();
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return deployer.deploy(request);
                            } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                outcomes.add(f.get(3, TimeUnit.MINUTES));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> messages() {
        return events.stream().map(StageEvent::message).toList();
    }

    private StageDeployer deployer() {
        return new StageDeployer(base, events::add);
    }

    private DeployRequest request(Path template) {
        Environment env = Environment.builder("dev").accountId(LocalAccounts.DEV).regions(List.of("us-east-1"))
                .stackName(STACK).build();
        return new DeployRequest(env, "race", template, Optional.empty(), dir.resolve("out"), Optional.empty(), false, Map.of());
    }

    private Stack stack() {
        try (CloudFormationClient cfn = dev.cloudFormation()) {
            return cfn.describeStacks(r -> r.stackName(STACK)).stacks().get(0);
        }
    }

    /** Stack operations started on the stack: one stack-level CREATE/UPDATE_IN_PROGRESS event each. */
    private int executions() {
        try (CloudFormationClient cfn = dev.cloudFormation()) {
            List<StackEvent> all = cfn.describeStackEventsPaginator(r -> r.stackName(STACK)).stackEvents().stream().toList();
            return (int) all.stream().filter(e -> STACK.equals(e.logicalResourceId()))
                    .filter(e -> "CREATE_IN_PROGRESS".equals(e.resourceStatusAsString())
                            || "UPDATE_IN_PROGRESS".equals(e.resourceStatusAsString()))
                    .count();
        } catch (software.amazon.awssdk.services.cloudformation.model.CloudFormationException e) {
            return 0; // no stack yet
        }
    }

    private Path template(String displayName, int durationSeconds) throws Exception {
        return Files.writeString(dir.resolve("packaged-" + displayName + ".yaml"), """
                AWSTemplateFormatVersion: '2010-09-09'
                Metadata:
                  SamstageCompat:
                    DurationSeconds: %d
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                    Properties:
                      DisplayName: %s
                Outputs:
                  TopicArn:
                    Value: !Ref Topic
                """.formatted(durationSeconds, displayName));
    }
}
