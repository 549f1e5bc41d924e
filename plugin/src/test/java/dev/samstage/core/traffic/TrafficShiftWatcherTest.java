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

/**
 * The real watcher, real SDK clients, the local AWS with scripted CodeDeploy deployments: states a
 * deployment CloudFormation drives cannot be made to show at a chosen poll (every intermediate status,
 * from Created to a hook in progress, one per poll) or a deployment created at a chosen time. Failures,
 * stops and custom configurations are watched on driven deployments ({@link WatchingADrivenShiftTest}).
 */
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
