package dev.samstage.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.packaging.UploadProgress;
import dev.samstage.core.traffic.ShiftPhase;
import dev.samstage.core.traffic.TrafficShiftProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class MavenStageListenerTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1L << 20;

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final MavenStageListener batch = new MavenStageListener(new RecordingLog(), false, now::get);

    @Test
    void inABuildLogUploadProgressIsAHeartbeatEveryTwoSecondsNotALinePerMebibyte() {
        for (int mib = 1; mib <= 100; mib++) {
            batch.on(new UploadProgress("s3://artifacts/code.zip", mib * MIB, 100 * MIB));
            now.addAndGet(SECOND / 20); // 1 MiB every 50 ms: 5 s in all
        }

        assertThat(lines).containsExactly(
                "[info] Uploading s3://artifacts/code.zip: 1.0 MiB of 100.0 MiB",
                "[info] Uploading s3://artifacts/code.zip: 41.0 MiB of 100.0 MiB",
                "[info] Uploading s3://artifacts/code.zip: 81.0 MiB of 100.0 MiB");
    }

    @Test
    void inABuildLogATrafficShiftsCountdownIsAHeartbeatEveryThirtySecondsNotALinePerPoll() {
        for (int second = 0; second <= 60; second += 5) { // a poll every 5 s through one step of a linear shift
            batch.on(new TrafficShiftProgress("d-1", "shop-Fn:live", ShiftPhase.SHIFTING, 10, 1, 10,
                    Duration.ofSeconds(60 - second), Map.of(), "10% of traffic on the new version, next step in 0:"
                    + String.format("%02d", 60 - second)));
            now.addAndGet(5 * SECOND);
        }

        assertThat(lines).containsExactly(
                "[info] 10% of traffic on the new version, next step in 0:60",
                "[info] 10% of traffic on the new version, next step in 0:30",
                "[info] 10% of traffic on the new version, next step in 0:00");
    }

    @Test
    void otherEventsAreNeverHeldBack() {
        batch.on(new UploadProgress("s3://artifacts/code.zip", MIB, 100 * MIB));
        batch.on(new UploadProgress("s3://artifacts/code.zip", 2 * MIB, 100 * MIB));
        batch.on(StageEvent.info("Uploaded s3://artifacts/code.zip"));
        batch.on(StageEvent.warn("a warning"));

        assertThat(lines).containsExactly(
                "[info] Uploading s3://artifacts/code.zip: 1.0 MiB of 100.0 MiB",
                "[info] Uploaded s3://artifacts/code.zip",
                "[warn] a warning");
    }

    @Test
    void aProgressLineIsNotRepeatedAfterTheLineThatFollowsIt() {
        batch.on(new UploadProgress("s3://artifacts/code.zip", 10 * MIB, 100 * MIB));
        batch.on(StageEvent.info("Uploaded s3://artifacts/config.zip"));
        now.addAndGet(3 * SECOND);
        batch.on(new UploadProgress("s3://artifacts/code.zip", 10 * MIB, 100 * MIB));
        batch.on(new UploadProgress("s3://artifacts/code.zip", 20 * MIB, 100 * MIB));

        assertThat(lines).containsExactly(
                "[info] Uploading s3://artifacts/code.zip: 10.0 MiB of 100.0 MiB",
                "[info] Uploaded s3://artifacts/config.zip",
                "[info] Uploading s3://artifacts/code.zip: 20.0 MiB of 100.0 MiB");
    }

    private final class RecordingLog extends SystemStreamLog {
        @Override
        public void info(CharSequence content) {
            lines.add("[info] " + content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("[warn] " + content);
        }
    }
}
