package dev.samstage.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageEvent;
import dev.samstage.testing.aws.LocalAws;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

class AlarmPreflightTest {

    private final List<StageEvent> events = new CopyOnWriteArrayList<>();
    private AwsClientFactory clients;
    private CloudWatchClient cloudWatch;

    @BeforeEach
    void alarms() {
        LocalAws.get().reset();
        clients = AwsClientFactory.create("us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)), LocalAws.get().endpoint());
        cloudWatch = clients.cloudWatch();
        for (String alarm : List.of("orders-errors", "orders-latency")) {
            cloudWatch.putMetricAlarm(b -> b.alarmName(alarm).namespace("AWS/Lambda").metricName("Errors").statistic("Sum")
                    .period(60).evaluationPeriods(1).threshold(0.0).comparisonOperator("GreaterThanThreshold"));
        }
    }

    @AfterEach
    void close() {
        cloudWatch.close();
        clients.close();
    }

    @Test
    void warnsAboutAnAlarmAlreadyInAlarmAndSaysHowToProceed() {
        cloudWatch.setAlarmState(b -> b.alarmName("orders-latency").stateValue("ALARM").stateReason("p99 above 2s"));

        List<AlarmState> firing = new AlarmPreflight(cloudWatch, events::add).check("prod", List.of("orders-errors", "orders-latency"));

        assertThat(firing).extracting(AlarmState::name).containsExactly("orders-latency");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.severity()).isEqualTo(StageEvent.Severity.WARN);
            assertThat(e.message()).startsWith("Alarm orders-latency in ALARM since ")
                    .contains("(p99 above 2s): CodeDeploy will stop the traffic shift of stage prod at its first alarm check and roll back.")
                    .endsWith("reset it with 'aws cloudwatch set-alarm-state --alarm-name orders-latency --state-value OK --state-reason <why>', then deploy.");
        });
    }

    @Test
    void saysAllIsWellWhenNoAlarmIsInAlarm() {
        List<AlarmState> firing = new AlarmPreflight(cloudWatch, events::add).check("prod", List.of("orders-errors", "orders-latency"));

        assertThat(firing).isEmpty();
        assertThat(events).extracting(StageEvent::message).containsExactly("Alarms of stage prod checked: none of 2 is in ALARM.");
    }

    @Test
    void warnsAboutAStageAlarmThatDoesNotExist() {
        new AlarmPreflight(cloudWatch, events::add).check("prod", List.of("orders-errors", "orders-typo"));

        assertThat(events).filteredOn(e -> e.severity() == StageEvent.Severity.WARN).extracting(StageEvent::message)
                .containsExactly("Alarm orders-typo of stage prod does not exist in CloudWatch: CodeDeploy cannot poll it and fails"
                        + " the deployment; create the alarm or remove it from the stage's <alarms>.");
    }
}
