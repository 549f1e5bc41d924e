package dev.samstage.core.traffic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/** Reads alarm states by name with DescribeAlarms (metric and composite alarms, 100 names a call). */
final class AlarmReader {

    private static final int NAMES_PER_CALL = 100;

    private final CloudWatchClient cloudWatch;

    AlarmReader(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    CloudWatchClient cloudWatch() {
        return cloudWatch;
    }

    /** The states of the named alarms that exist, keyed by name in the order asked. */
    Map<String, AlarmState> read(Collection<String> names) {
        List<String> distinct = names.stream().distinct().toList();
        Map<String, AlarmState> found = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += NAMES_PER_CALL) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + NAMES_PER_CALL));
            String token = null;
            do {
                String page = token;
                DescribeAlarmsResponse r = cloudWatch.describeAlarms(b -> b.alarmNames(chunk).nextToken(page)
                        .alarmTypesWithStrings("MetricAlarm", "CompositeAlarm"));
                for (MetricAlarm a : r.metricAlarms()) {
                    found.put(a.alarmName(), new AlarmState(a.alarmName(), a.stateValueAsString(), a.stateUpdatedTimestamp(), a.stateReason()));
                }
                for (CompositeAlarm a : r.compositeAlarms()) {
                    found.put(a.alarmName(), new AlarmState(a.alarmName(), a.stateValueAsString(), a.stateUpdatedTimestamp(), a.stateReason()));
                }
                token = r.nextToken();
            } while (token != null && !token.isEmpty());
        }
        Map<String, AlarmState> ordered = new LinkedHashMap<>();
        distinct.forEach(n -> { if (found.containsKey(n)) ordered.put(n, found.get(n)); });
        return ordered;
    }

    List<AlarmState> inAlarm(Collection<String> names) {
        return new ArrayList<>(read(names).values().stream().filter(AlarmState::inAlarm).toList());
    }
}
