package dev.samstage.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseStatusReportTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void showsWhatEachStageHoldsWhatWaitsAndTheFocusedStagesDecisions() {
        List<StageStatus> stages = List.of(
                new StageStatus("dev", new Release(SHA, T), new Release("c9", T.plusSeconds(60)), null, List.of(
                        new Decision("dev", "c7", Verdict.REJECTED, "bob", "checkout broken", T.minusSeconds(60)),
                        new Decision(StageOrder.BUILD, "c8", Verdict.SUPERSEDED, "samstage", "superseded by c9", T.minusSeconds(120)))),
                new StageStatus("staging", null, null, new Release("c5", T), List.of()),
                new StageStatus("prod", new Release("c5", T), null, null, List.of()));

        assertThat(ReleaseStatusReport.lines(stages, "dev")).containsExactly(
                "Releases across dev -> staging -> prod:",
                "  dev      holds 0123456789ab since 2026-03-01T10:00:00Z; waiting to enter: c9 since 2026-03-01T10:01:00Z",
                "  staging  holds nothing; approved, waiting for the next stage: c5",
                "  prod     holds c5 since 2026-03-01T10:00:00Z",
                "Last decisions in dev:",
                "  2026-03-01T09:59:00Z  REJECTED   c7 by bob: checkout broken",
                "  2026-03-01T09:58:00Z  SUPERSEDED c8 by samstage: superseded by c9 (while waiting to enter)");
        assertThat(ReleaseStatusReport.lines(stages, "prod")).last().isEqualTo("No decisions recorded in prod yet.");
    }
}
