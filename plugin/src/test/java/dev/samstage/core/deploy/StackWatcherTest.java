package dev.samstage.core.deploy;

import dev.samstage.core.time.Sleeper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.aws.AwsClientFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Stack;

class StackWatcherTest {

    @RegisterExtension
    final LocalAwsStage stage = new LocalAwsStage();

    @Test
    void pollsFastThenBacksOffToTheCapAndStreamsEveryEventOnce() {
        List<Duration> sleeps = new CopyOnWriteArrayList<>();
        Sleeper recording = d -> {
            sleeps.add(d);
            Sleeper.SYSTEM.sleep(d);
        };
        try (AwsClientFactory dev = stage.account(LocalAwsStage.DEV, "us-east-1"); CloudFormationClient cfn = dev.cloudFormation()) {
            String id = cfn.createChangeSet(r -> r.stackName("orders-dev").changeSetName("first")
                    .changeSetType(ChangeSetType.CREATE).templateBody(Templates.topic("v1", "Queue:\n  Type: AWS::SQS::Queue\n", 3))).id();
            StackWatcher watcher = new StackWatcher(cfn, stage.events::add, recording, Clock.systemUTC(), "");
            watcher.skipPastEvents("orders-dev");
            cfn.executeChangeSet(r -> r.changeSetName(id));

            Stack done = watcher.untilSettled("orders-dev", Duration.ofMinutes(1), "deploying");

            assertThat(done.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
            assertThat(sleeps.subList(0, 4)).containsExactly(Duration.ofMillis(200), Duration.ofMillis(300),
                    Duration.ofMillis(450), Duration.ofMillis(500));
            assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(500)));
            assertThat(watcher.streamed()).extracting(e -> e.resourceStatusAsString() + " " + e.logicalResourceId())
                    .doesNotHaveDuplicates()
                    .doesNotContain("REVIEW_IN_PROGRESS orders-dev")
                    .startsWith("CREATE_IN_PROGRESS orders-dev")
                    .endsWith("CREATE_COMPLETE orders-dev")
                    .contains("CREATE_COMPLETE Topic", "CREATE_COMPLETE Queue");
            assertThat(stage.events).hasSameSizeAs(watcher.streamed());
        }
    }
}
