package dev.samstage.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.traffic.ShiftStack.Reading;
import dev.samstage.testing.aws.LocalAws;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * The local AWS keeps a template's {@code AWS::CloudWatch::Alarm} in CloudWatch as CloudFormation
 * does (moto skips the type, so a deployment group would watch an alarm that does not exist), and
 * its test control trips an alarm when a deployment reaches a share of the traffic.
 */
class TemplateAlarmTest {

    private static final String TEMPLATE = """
            Resources:
              Errors:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  %s
                  Namespace: AWS/Lambda
                  MetricName: Errors
                  Dimensions:
                    - Name: FunctionName
                      Value: checkout
                  Statistic: Sum
                  Period: 60
                  EvaluationPeriods: 1
                  Threshold: %s
                  ComparisonOperator: GreaterThanThreshold
            Outputs:
              AlarmName:
                Value: !Ref Errors
              AlarmArn:
                Value: !GetAtt Errors.Arn
            """;

    private ShiftStack stack;

    @BeforeEach
    void freshAccount() {
        stack = new ShiftStack();
        control("DELETE", null);
    }

    @AfterEach
    void close() {
        control("DELETE", null);
        LocalAws.get().minuteSeconds(LocalAws.DEFAULT_MINUTE_SECONDS);
        stack.close();
    }

    @Test
    void anAlarmOfTheTemplateExistsInCloudWatchFollowsItsUpdatesAndGoesWithItsStack() {
        deployAlarms("alarms", "AlarmName: checkout-5xx", "0");
        MetricAlarm created = alarm("checkout-5xx");
        assertThat(created.metricName()).isEqualTo("Errors");
        assertThat(created.threshold()).isEqualTo(0.0);
        assertThat(created.dimensions()).singleElement().satisfies(d -> assertThat(d.value()).isEqualTo("checkout"));
        assertThat(outputs("alarms")).containsExactly("checkout-5xx", created.alarmArn());

        deployAlarms("alarms", "AlarmName: checkout-5xx", "5");
        assertThat(alarm("checkout-5xx").threshold()).isEqualTo(5.0);

        deployAlarms("alarms", "AlarmName: checkout-errors-v2", "5");
        assertThat(alarmNames()).contains("checkout-errors-v2").doesNotContain("checkout-5xx");

        stack.cloudFormation.deleteStack(b -> b.stackName("alarms"));
        assertThat(alarmNames()).doesNotContain("checkout-errors-v2");
    }

    @Test
    void anAlarmWithoutANameGetsOneMadeOfTheStackAndItsLogicalId() {
        deployAlarms("unnamed", "AlarmDescription: no name given", "0");

        String name = outputs("unnamed").get(0);
        assertThat(name).startsWith("unnamed-Errors-");
        assertThat(alarm(name).alarmDescription()).isEqualTo("no name given");
    }

    @Test
    void anArmedTripSetsTheAlarmWhenTheDeploymentToItsVersionReachesItsShare() {
        LocalAws.get().minuteSeconds(0.3);
        stack.deploy(ShiftStack.template("v1", false), "AllAtOnce");
        stack.sampleUntilSettled(r -> { });
        String account = stack.clients.sts().getCallerIdentity().account();
        control("POST", "{\"account\":\"" + account + "\",\"region\":\"us-east-1\",\"alarmName\":\"" + ShiftStack.ALARM
                + "\",\"percent\":30,\"targetVersion\":\"2\"}");

        stack.deploy(ShiftStack.template("v2", false), "Linear10PercentEvery1Minute");
        List<Reading> readings = stack.sampleUntilSettled(r -> { });

        assertThat(readings.get(readings.size() - 1)).isEqualTo(new Reading("UPDATE_ROLLBACK_COMPLETE", "1", java.util.Map.of()));
        assertThat(readings).allSatisfy(r -> assertThat(r.weightOf("2")).isLessThanOrEqualTo(0.3));
        MetricAlarm tripped = alarm(ShiftStack.ALARM);
        assertThat(tripped.stateValueAsString()).isEqualTo("ALARM");
        assertThat(tripped.stateReason()).contains("at 30% of the traffic").contains("samstage test control");
        assertThat(stack.deployments()).filteredOn(d -> "user".equals(d.creatorAsString())).singleElement()
                .satisfies(d -> assertThat(d.errorInformation().codeAsString()).isEqualTo("ALARM_ACTIVE"));
        assertThat(control("GET", null)).contains("\"firedBy\": \"d-");
    }

    private void deployAlarms(String stackName, String nameProperty, String threshold) {
        boolean exists = stack.cloudFormation.listStacks().stackSummaries().stream()
                .anyMatch(s -> s.stackName().equals(stackName) && !s.stackStatusAsString().equals("DELETE_COMPLETE"));
        stack.cloudFormation.createChangeSet(b -> b.stackName(stackName).changeSetName("cs-" + System.nanoTime())
                .changeSetType(exists ? ChangeSetType.UPDATE : ChangeSetType.CREATE).capabilities(Capability.CAPABILITY_IAM)
                .templateBody(TEMPLATE.formatted(nameProperty, threshold)));
        String changeSet = stack.cloudFormation.listChangeSets(b -> b.stackName(stackName)).summaries().stream()
                .filter(s -> s.executionStatusAsString().equals("AVAILABLE")).findFirst().orElseThrow().changeSetId();
        stack.cloudFormation.executeChangeSet(b -> b.changeSetName(changeSet));
        for (int i = 0; i < 500; i++) {
            String status = stack.cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().get(0).stackStatusAsString();
            if (!status.endsWith("_IN_PROGRESS")) {
                assertThat(status).isIn("CREATE_COMPLETE", "UPDATE_COMPLETE");
                return;
            }
            ShiftStack.pause(20);
        }
        throw new AssertionError("stack " + stackName + " did not settle");
    }

    private List<String> outputs(String stackName) {
        return stack.cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().get(0).outputs().stream()
                .sorted(java.util.Comparator.comparing(o -> o.outputKey().equals("AlarmName") ? 0 : 1))
                .map(o -> o.outputValue()).toList();
    }

    private MetricAlarm alarm(String name) {
        return stack.cloudWatch.describeAlarms(b -> b.alarmNames(name)).metricAlarms().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no alarm " + name + " in CloudWatch"));
    }

    private List<String> alarmNames() {
        return stack.cloudWatch.describeAlarms().metricAlarms().stream().map(MetricAlarm::alarmName).toList();
    }

    private static String control(String method, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(LocalAws.get().endpoint() + "/samstage-compat/alarm-trips"));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " alarm-trips: " + response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
