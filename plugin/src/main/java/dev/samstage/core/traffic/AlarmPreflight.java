package dev.samstage.core.traffic;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Checks a stage's alarms before a deployment: an alarm already in ALARM makes CodeDeploy
 * stop the traffic shift at its first check and roll back, so the deployment would fail for
 * a reason unrelated to the release. Warns (does not fail) and says how to proceed; also
 * warns about alarms that do not exist, which CodeDeploy cannot poll.
 *
 * <p>Only the stage's alarms by name are checked: alarms the template generates do not exist
 * before the stack is deployed, and start in INSUFFICIENT_DATA or OK.</p>
 */
public final class AlarmPreflight {

    private final AlarmReader alarms;
    private final StageListener listener;

    public AlarmPreflight(CloudWatchClient cloudWatch, StageListener listener) {
        this.alarms = new AlarmReader(Objects.requireNonNull(cloudWatch, "cloudWatch"));
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Reads the named alarms, warns about each in ALARM and each missing one.
     *
     * @param stage      the stage name, for the messages
     * @param alarmNames the stage's alarm names ({@code <alarms>} of the stage)
     * @return the alarms in ALARM, empty when the deployment can go ahead
     */
    public List<AlarmState> check(String stage, Collection<String> alarmNames) {
        if (alarmNames.isEmpty()) {
            return List.of();
        }
        Map<String, AlarmState> states = alarms.read(alarmNames);
        for (String name : alarmNames.stream().distinct().toList()) {
            AlarmState state = states.get(name);
            if (state == null) {
                listener.on(StageEvent.warn("Alarm " + name + " of stage " + stage + " does not exist in CloudWatch:"
                        + " CodeDeploy cannot poll it and fails the deployment; create the alarm or remove it from the stage's <alarms>."));
            } else if (state.inAlarm()) {
                listener.on(StageEvent.warn("Alarm " + state.describe() + ": CodeDeploy will stop the traffic shift of stage "
                        + stage + " at its first alarm check and roll back. Fix what trips it, or if it is stale reset it with"
                        + " 'aws cloudwatch set-alarm-state --alarm-name " + name + " --state-value OK --state-reason <why>',"
                        + " then deploy."));
            }
        }
        List<AlarmState> firing = states.values().stream().filter(AlarmState::inAlarm).toList();
        if (firing.isEmpty()) {
            listener.on(StageEvent.info("Alarms of stage " + stage + " checked: none of " + states.size() + " is in ALARM."));
        }
        return firing;
    }
}
