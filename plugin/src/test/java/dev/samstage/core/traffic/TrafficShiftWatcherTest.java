package dev.samstage.core.traffic;

import dev.samstage.core.config.Environment;
import dev.samstage.core.deploy.ExecutionFollower;
import java.time.Duration;
import static dev.samstage.core.traffic.CompatCodeDeploy.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageEvent;
import dev.samstage.testing.aws.FreshLocalAws;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;

/** The real watcher, real SDK clients, the local AWS with scripted CodeDeploy deployments. */
class TrafficShiftWatcherTest {

    private static final String STACK = "shop-prod";
    private static final String ALARM = "checkout-errors";
    private static final String TEMPLATE = """
            {"Resources": {
              "ServerlessDeploymentApplication": {"Type": "AWS::CodeDeploy::Application",
                "Properties": {"ComputePlatform": "Lambda"}},
              "CheckoutFunctionDeploymentGroup": {"Type": "AWS::CodeDeploy::DeploymentGroup",
                "Properties": {"ApplicationName": {"Ref": "ServerlessDeploymentApplication"},
                  "ServiceRoleArn": "arn:aws:iam::123456789012:role/CodeDeployServiceRole",
                  "DeploymentConfigName": "%s",
                  "DeploymentStyle": {"DeploymentType": "BLUE_GREEN", "DeploymentOption": "WITH_TRAFFIC_CONTROL"},
                  "AutoRollbackConfiguration": {"Enabled": true, "Events": ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]},
                  "AlarmConfiguration": {"Enabled": true, "Alarms": [{"Name": "checkout-errors"}, {"Name": "checkout-5xx"}]}}}}}
            """;

    private final List<StageEvent> events = new CopyOnWriteArrayList<>();
    @RegisterExtension
    final FreshLocalAws aws = new FreshLocalAws("us-east-1");
    private CodeDeployClient codeDeploy;
    private CloudWatchClient cloudWatch;
    private CloudFormationClient cloudFormation;

    @BeforeEach
    void startFresh() {
        codeDeploy = aws.client(AwsClientFactory::codeDeploy);
        cloudWatch = aws.client(AwsClientFactory::cloudWatch);
        cloudFormation = aws.client(AwsClientFactory::cloudFormation);
        for (String alarm : List.of(ALARM, "checkout-5xx")) {
            cloudWatch.putMetricAlarm(b -> b.alarmName(alarm).namespace("AWS/Lambda").metricName("Errors").statistic("Sum")
                    .period(60).evaluationPeriods(1).threshold(0.0).comparisonOperator("GreaterThanThreshold"));
        }
    }

    private String[] stackWithGroup(String configName) {
        cloudFormation.createStack(b -> b.stackName(STACK).templateBody(TEMPLATE.formatted(configName)));
        List<StackResource> resources = cloudFormation.describeStackResources(b -> b.stackName(STACK)).stackResources();
        String application = physicalId(resources, "ServerlessDeploymentApplication");
        String group = physicalId(resources, "CheckoutFunctionDeploymentGroup");
        return new String[] {application, group};
    }

    private static String physicalId(List<StackResource> resources, String logicalId) {
        return resources.stream().filter(r -> r.logicalResourceId().equals(logicalId)).findFirst().orElseThrow().physicalResourceId();
    }

    private TrafficShiftWatcher watcher() {
        return new TrafficShiftWatcher(codeDeploy, cloudWatch, cloudFormation, events::add, Clock.systemUTC(), d -> { });
    }

    private List<String> plainLines() {
        return events.stream().filter(e -> !e.progress()).map(StageEvent::message).toList();
    }

    @Test
    void followsALinearShiftThroughItsStepsToSuccess() {
        String[] cd = stackWithGroup("CodeDeployDefault.LambdaLinear10PercentEvery1Minute");
        Instant updateStarted = Instant.now();
        String id = CompatCodeDeploy.script(cd[0], cd[1], "checkout", List.of(
                step("Created", 0, Map.of()),
                step("InProgress", 0, Map.of("BeforeAllowTraffic", "InProgress")),
                step("InProgress", 10, Map.of("BeforeAllowTraffic", "Succeeded", "AllowTraffic", "InProgress")),
                step("InProgress", 20, Map.of()),
                step("InProgress", 100, Map.of("AllowTraffic", "Succeeded", "AfterAllowTraffic", "InProgress")),
                step("Succeeded", 100, Map.of("AfterAllowTraffic", "Succeeded"))));

        TrafficShiftOutcome outcome = watcher().watch(STACK, updateStarted);

        assertThat(outcome.result()).isEqualTo(TrafficShiftOutcome.Result.SUCCEEDED);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.reports()).singleElement().satisfies(r -> {
            assertThat(r.deploymentId()).isEqualTo(id);
            assertThat(r.target()).isEqualTo("checkout:live");
            assertThat(r.deploymentGroupName()).isEqualTo(cd[1]);
        });
        assertThat(plainLines()).containsSubsequence(
                "Traffic shift of checkout:live to version 7: CodeDeploy deployment " + id + " is Created, waiting for it to start",
                "Traffic shift of checkout:live to version 7: 0% of traffic on the new version (step 0 of 10, linear 10% every 1 min);"
                        + " hooks: BeforeAllowTraffic InProgress, AfterAllowTraffic Pending",
                "Traffic shift of checkout:live to version 7: 10% of traffic on the new version (step 1 of 10, linear 10% every 1 min);"
                        + " hooks: BeforeAllowTraffic Succeeded, AfterAllowTraffic Pending",
                "Traffic shift of checkout:live to version 7: 20% of traffic on the new version (step 2 of 10, linear 10% every 1 min);"
                        + " hooks: BeforeAllowTraffic Succeeded, AfterAllowTraffic Pending",
                "Traffic shift of checkout:live to version 7 succeeded (CodeDeploy deployment " + id + "): all traffic is on the new version.");
        assertThat(events).filteredOn(StageEvent::progress).isNotEmpty()
                .filteredOn(e -> ((TrafficShiftProgress) e).trafficPercent() == 20.0)
                .allSatisfy(e -> assertThat(((TrafficShiftProgress) e).nextStepIn()).isPresent());
    }

    @Test
    void reportsTheAlarmThatStoppedTheShiftSinceWhenAndTheRollback() {
        String[] cd = stackWithGroup("CodeDeployDefault.LambdaCanary10Percent5Minutes");
        cloudWatch.setAlarmState(b -> b.alarmName(ALARM).stateValue("ALARM").stateReason("Threshold Crossed: 3 errors"));
        Instant since = cloudWatch.describeAlarms(b -> b.alarmNames(ALARM)).metricAlarms().get(0).stateUpdatedTimestamp();
        Instant updateStarted = Instant.now();
        String id = CompatCodeDeploy.script(cd[0], cd[1], "checkout", List.of(
                step("InProgress", 10, Map.of("BeforeAllowTraffic", "Succeeded", "AllowTraffic", "InProgress")),
                Map.of("status", "Failed", "weight", 0,
                        "error", Map.of("code", "ALARM_ACTIVE", "message", "One or more alarms have been activated according to"
                                + " the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped."
                                + " Activated alarms: <checkout-errors>"),
                        "rollback", Map.of("rollbackMessage", "Automatic rollback triggered: alarm checkout-errors"))));

        TrafficShiftOutcome outcome = watcher().watch(STACK, updateStarted);

        assertThat(outcome.result()).isEqualTo(TrafficShiftOutcome.Result.FAILED);
        assertThat(outcome.succeeded()).isFalse();
        ShiftReport report = outcome.reports().get(0);
        assertThat(report.phase()).isEqualTo(ShiftPhase.FAILED);
        assertThat(report.errorCode()).isEqualTo("ALARM_ACTIVE");
        assertThat(report.alarmsInAlarm()).extracting(AlarmState::name).containsExactly(ALARM);
        assertThat(report.alarmsInAlarm().get(0).since()).isEqualTo(since);
        assertThat(outcome.summary()).isEqualTo("Traffic shifting in stack shop-prod failed and was rolled back: checkout:live"
                + " (deployment " + id + ") failed with ALARM_ACTIVE, alarms in ALARM: checkout-errors.");
        assertThat(events).filteredOn(e -> e.severity() == StageEvent.Severity.ERROR).extracting(StageEvent::message)
                .containsSubsequence(
                        "Traffic shift of checkout:live to version 7 failed (CodeDeploy deployment " + id + ") with ALARM_ACTIVE:"
                                + " One or more alarms have been activated according to the Amazon CloudWatch metrics you selected,"
                                + " and the affected deployments have been stopped. Activated alarms: <checkout-errors>",
                        "Alarm checkout-errors in ALARM since " + since + " (Threshold Crossed: 3 errors)",
                        "CodeDeploy rollback: Automatic rollback triggered: alarm checkout-errors",
                        "CloudFormation rolls stack shop-prod back because the alias update failed (stack status now CREATE_COMPLETE).");
        assertThat(String.join("\n", plainLines())).contains("10% of traffic on the new version (step 1 of 2, canary 10% then the rest after 5 min)");
    }

    @Test
    void reportsAFailedHookWithCodeDeploysErrorCode() {
        String[] cd = stackWithGroup("CodeDeployDefault.LambdaAllAtOnce");
        Instant updateStarted = Instant.now();
        String id = CompatCodeDeploy.script(cd[0], cd[1], "checkout", List.of(
                step("InProgress", 100, Map.of("BeforeAllowTraffic", "Succeeded", "AllowTraffic", "Succeeded", "AfterAllowTraffic", "InProgress")),
                Map.of("status", "Failed", "lifecycle", Map.of("AfterAllowTraffic", "Failed"),
                        "error", Map.of("code", "HOOK_EXECUTION_FAILURE", "message", "The PostTraffic hook of checkout:live reported Failed"))));

        TrafficShiftOutcome outcome = watcher().watch(STACK, updateStarted);

        assertThat(outcome.result()).isEqualTo(TrafficShiftOutcome.Result.FAILED);
        assertThat(outcome.reports().get(0).errorCode()).isEqualTo("HOOK_EXECUTION_FAILURE");
        assertThat(outcome.reports().get(0).alarmsInAlarm()).isEmpty();
        assertThat(plainLines()).contains(
                "Traffic shift of checkout:live to version 7: 100% of traffic on the new version (step 1 of 1, all at once);"
                        + " hooks: BeforeAllowTraffic Succeeded, AfterAllowTraffic InProgress",
                "Traffic shift of checkout:live to version 7 failed (CodeDeploy deployment " + id + ") with HOOK_EXECUTION_FAILURE:"
                        + " The PostTraffic hook of checkout:live reported Failed");
    }

    @Test
    void aStoppedDeploymentFailsTheWatch() {
        String[] cd = stackWithGroup("CodeDeployDefault.LambdaLinear10PercentEvery2Minutes");
        Instant updateStarted = Instant.now();
        String id = CompatCodeDeploy.script(cd[0], cd[1], "checkout", List.of(
                step("InProgress", 10, Map.of("AllowTraffic", "InProgress")),
                step("InProgress", 20, Map.of())));
        codeDeploy.getDeployment(b -> b.deploymentId(id));
        codeDeploy.stopDeployment(b -> b.deploymentId(id).autoRollbackEnabled(true));

        TrafficShiftOutcome outcome = watcher().watch(STACK, updateStarted);

        assertThat(outcome.result()).isEqualTo(TrafficShiftOutcome.Result.FAILED);
        assertThat(outcome.reports().get(0).phase()).isEqualTo(ShiftPhase.STOPPED);
        assertThat(outcome.reports().get(0).errorCode()).isEqualTo("MANUAL_STOP");
    }

    @Test
    void readsTheRoutingOfACustomDeploymentConfiguration() {
        codeDeploy.createDeploymentConfig(b -> b.deploymentConfigName("Canary25Percent3Minutes-custom").computePlatform("Lambda")
                .trafficRoutingConfig(t -> t.type("TimeBasedCanary").timeBasedCanary(c -> c.canaryPercentage(25).canaryInterval(3))));
        String[] cd = stackWithGroup("Canary25Percent3Minutes-custom");
        Instant updateStarted = Instant.now();
        CompatCodeDeploy.script(cd[0], cd[1], "checkout", List.of(
                step("InProgress", 25, Map.of("AllowTraffic", "InProgress")),
                step("Succeeded", 100, Map.of("AllowTraffic", "Succeeded"))));

        TrafficShiftOutcome outcome = watcher().watch(STACK, updateStarted);

        assertThat(outcome.result()).isEqualTo(TrafficShiftOutcome.Result.SUCCEEDED);
        assertThat(String.join("\n", plainLines())).contains("25% of traffic on the new version (step 1 of 2, canary 25% then the rest after 3 min)");
    }

    @Test
    void ignoresDeploymentsCreatedBeforeTheUpdateBegan() throws InterruptedException {
        String[] cd = stackWithGroup("CodeDeployDefault.LambdaAllAtOnce");
        CompatCodeDeploy.script(cd[0], cd[1], "checkout", List.of(step("Succeeded", 100, Map.of())));
        Thread.sleep(20);
        Instant updateStarted = Instant.now();

        TrafficShiftOutcome outcome = watcher().watch(STACK, updateStarted);

        assertThat(outcome.result()).isEqualTo(TrafficShiftOutcome.Result.NO_DEPLOYMENT);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.reports()).isEmpty();
    }

    @Test
    void aStackWithoutCodeDeployGroupsHasNothingToWatch() {
        cloudFormation.createStack(b -> b.stackName(STACK).templateBody("{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\"}}}"));

        TrafficShiftOutcome outcome = watcher().watch(STACK, Instant.now());

        assertThat(outcome.result()).isEqualTo(TrafficShiftOutcome.Result.NO_DEPLOYMENT);
        assertThat(outcome.summary()).isEqualTo("Stack shop-prod shifted no traffic (no CodeDeploy deployment in this update).");
    }

    @Test
    void aMissingStackIsAClearError() {
        assertThatThrownBy(() -> watcher().watch("no-such-stack", Instant.now()))
                .isInstanceOf(TrafficException.class)
                .hasMessageStartingWith("Cannot read the resources of stack no-such-stack");
    }

    @Test
    void theDeploymentFollowerTurnsAFailedShiftIntoTheRootCauseOfTheDeploy() {
        String[] cd = stackWithGroup("CodeDeployDefault.LambdaAllAtOnce");
        Instant updateStarted = Instant.now();
        String id = CompatCodeDeploy.script(cd[0], cd[1], "checkout", List.of(
                Map.of("status", "Failed", "weight", 0,
                        "error", Map.of("code", "HOOK_EXECUTION_FAILURE", "message", "PostTraffic hook failed"))));

        ExecutionFollower.Following following = new TrafficShiftFollower(Clock.systemUTC(), d -> { }, Duration.ZERO)
                .follow(aws.clients(), STACK, updateStarted, events::add);

        assertThat(following.failure()).contains("Traffic shifting in stack shop-prod failed and was rolled back: checkout:live"
                + " (deployment " + id + ") failed with HOOK_EXECUTION_FAILURE.");
    }

    @Test
    void theDeploymentFollowerFindsNothingToBlameWhenNoTrafficShifted() {
        stackWithGroup("CodeDeployDefault.LambdaAllAtOnce");

        ExecutionFollower.Following following = new TrafficShiftFollower(Clock.systemUTC(), d -> { }, Duration.ZERO)
                .follow(aws.clients(), STACK, Instant.now(), events::add);

        assertThat(following.failure()).isEmpty();
    }

    @Test
    void beforeExecutingTheFollowerWarnsAboutAStageAlarmAlreadyInAlarm() {
        cloudWatch.setAlarmState(b -> b.alarmName(ALARM).stateValue("ALARM").stateReason("Threshold Crossed: 3 errors"));
        Environment prod = Environment.builder("prod").alarms(List.of(ALARM, "checkout-5xx")).build();

        new TrafficShiftFollower().beforeExecution(aws.clients(), prod, events::add);

        assertThat(events).filteredOn(e -> e.severity() == StageEvent.Severity.WARN).extracting(StageEvent::message)
                .singleElement().asString().startsWith("Alarm checkout-errors in ALARM since")
                .contains("CodeDeploy will stop the traffic shift of stage prod");
    }
}
