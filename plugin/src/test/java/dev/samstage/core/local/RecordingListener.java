package dev.samstage.core.local;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event, for assertions. */
final class RecordingListener implements StageListener {

    final List<StageEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void on(StageEvent event) {
        events.add(event);
    }

    List<String> messages(StageEvent.Severity severity) {
        return events.stream().filter(e -> e.severity() == severity).map(StageEvent::message).toList();
    }
}
