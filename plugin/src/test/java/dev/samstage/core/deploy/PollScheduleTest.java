package dev.samstage.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    @Test
    void startsFastAndGrowsByHalfUpToTheCap() {
        List<Long> millis = new ArrayList<>();
        Duration d = PollSchedule.STATUS.initial();
        for (int i = 0; i < 8; i++) {
            millis.add(d.toMillis());
            d = PollSchedule.STATUS.next(d);
        }
        assertThat(millis).containsExactly(200L, 300L, 450L, 500L, 500L, 500L, 500L, 500L);
        assertThat(PollSchedule.EVENTS.next(Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesACapBelowTheStart() {
        assertThatThrownBy(() -> new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("cap PT1S is below initial PT2S");
    }
}
