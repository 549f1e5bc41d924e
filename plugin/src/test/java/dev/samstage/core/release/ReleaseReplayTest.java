package dev.samstage.core.release;

import static dev.samstage.core.release.EntryResult.Outcome.ENTERED;
import static dev.samstage.core.release.EntryResult.Outcome.REFUSED;
import static dev.samstage.core.release.EntryResult.Outcome.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Six commits flow through dev, staging and prod with approvals, rejections and supersession
 * interleaved; after every step the test checks what each stage holds, what waits before it
 * and what was rejected there, as stored in DynamoDB.
 */
class ReleaseReplayTest {

    private LedgerFixture fixture;
    private ReleaseLedger ledger;

    @BeforeEach
    void freshLedger() {
        fixture = new LedgerFixture();
        ledger = fixture.ledger().build();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private record Step(String what, Function<ReleaseLedger, Object> action, Object expected, String stages) {
    }

    private static Step enter(String stage, String rev, EntryResult.Outcome outcome, String stages) {
        return new Step(rev + " asks to enter " + stage, l -> l.enter(stage, rev).outcome(), outcome, stages);
    }

    private static Step approve(String stage, String rev, String stages) {
        return new Step("approve " + rev + " in " + stage, l -> l.approve(stage, rev, "alice", "looks good").verdict(),
                Verdict.APPROVED, stages);
    }

    private static Step reject(String stage, String rev, String stages) {
        return new Step("reject " + rev + " in " + stage, l -> l.reject(stage, null, "bob", "checkout broken").verdict(),
                Verdict.REJECTED, stages);
    }

    @Test
    void commitsFlowThroughThreeStagesWithInterleavedApprovalsAndRejections() {
        List<Step> replay = List.of(
                enter("dev", "c1", ENTERED, "dev holds c1, waits - | staging holds -, waits - | prod holds -, waits -"),
                enter("dev", "c2", WAITING, "dev holds c1, waits c2 | staging holds -, waits - | prod holds -, waits -"),
                enter("dev", "c3", WAITING, "dev holds c1, waits c3 | staging holds -, waits - | prod holds -, waits -"),
                enter("dev", "c2", REFUSED, "dev holds c1, waits c3 | staging holds -, waits - | prod holds -, waits -"),
                enter("staging", "c1", REFUSED, "dev holds c1, waits c3 | staging holds -, waits - | prod holds -, waits -"),
                approve("dev", "c1", "dev holds -, waits c3 | staging holds -, waits c1 | prod holds -, waits -"),
                enter("staging", "c1", ENTERED, "dev holds -, waits c3 | staging holds c1, waits - | prod holds -, waits -"),
                enter("dev", "c3", ENTERED, "dev holds c3, waits - | staging holds c1, waits - | prod holds -, waits -"),
                enter("dev", "c4", WAITING, "dev holds c3, waits c4 | staging holds c1, waits - | prod holds -, waits -"),
                enter("staging", "c3", REFUSED, "dev holds c3, waits c4 | staging holds c1, waits - | prod holds -, waits -"),
                reject("dev", "c3", "dev holds -, waits c4, rejected [c3] | staging holds c1, waits - | prod holds -, waits -"),
                enter("dev", "c3", REFUSED, "dev holds -, waits c4, rejected [c3] | staging holds c1, waits - | prod holds -, waits -"),
                enter("dev", "c4", ENTERED, "dev holds c4, waits -, rejected [c3] | staging holds c1, waits - | prod holds -, waits -"),
                approve("dev", "c4", "dev holds -, waits -, rejected [c3] | staging holds c1, waits c4 | prod holds -, waits -"),
                enter("staging", "c4", WAITING, "dev holds -, waits -, rejected [c3] | staging holds c1, waits c4 | prod holds -, waits -"),
                approve("staging", "c1", "dev holds -, waits -, rejected [c3] | staging holds -, waits c4 | prod holds -, waits c1"),
                enter("prod", "c1", ENTERED, "dev holds -, waits -, rejected [c3] | staging holds -, waits c4 | prod holds c1, waits -"),
                enter("staging", "c4", ENTERED, "dev holds -, waits -, rejected [c3] | staging holds c4, waits - | prod holds c1, waits -"),
                enter("dev", "c5", ENTERED, "dev holds c5, waits -, rejected [c3] | staging holds c4, waits - | prod holds c1, waits -"),
                approve("dev", "c5", "dev holds -, waits -, rejected [c3] | staging holds c4, waits c5 | prod holds c1, waits -"),
                enter("dev", "c6", ENTERED, "dev holds c6, waits -, rejected [c3] | staging holds c4, waits c5 | prod holds c1, waits -"),
                approve("dev", "c6", "dev holds -, waits -, rejected [c3] | staging holds c4, waits c6 | prod holds c1, waits -"),
                enter("staging", "c5", REFUSED, "dev holds -, waits -, rejected [c3] | staging holds c4, waits c6 | prod holds c1, waits -"),
                reject("staging", "c4", "dev holds -, waits -, rejected [c3] | staging holds -, waits c6, rejected [c4] | prod holds c1, waits -"),
                reject("prod", "c1", "dev holds -, waits -, rejected [c3] | staging holds -, waits c6, rejected [c4] | prod holds -, waits -, rejected [c1]"),
                enter("staging", "c6", ENTERED, "dev holds -, waits -, rejected [c3] | staging holds c6, waits -, rejected [c4] | prod holds -, waits -, rejected [c1]"),
                approve("staging", "c6", "dev holds -, waits -, rejected [c3] | staging holds -, waits -, rejected [c4] | prod holds -, waits c6, rejected [c1]"),
                enter("prod", "c6", ENTERED, "dev holds -, waits -, rejected [c3] | staging holds -, waits -, rejected [c4] | prod holds c6, waits -, rejected [c1]"),
                approve("prod", "c6", "dev holds -, waits -, rejected [c3] | staging holds -, waits -, rejected [c4] | prod holds -, waits -, rejected [c1]"));

        for (Step step : replay) {
            assertThat(step.action().apply(ledger)).as(step.what()).isEqualTo(step.expected());
            assertThat(LedgerFixture.snapshot(ledger)).as("after: " + step.what()).isEqualTo(step.stages());
        }
    }

    @Test
    void historyRecordsWhoDecidedWhyAndWhichWaitingReleasesWereSuperseded() {
        ledger.enter("dev", "c1");
        ledger.enter("dev", "c2");
        ledger.enter("dev", "c3");
        ledger.reject("dev", "c1", "bob", "checkout broken");
        ledger.enter("dev", "c3");
        ledger.approve("dev", "c3", "alice", "");

        assertThat(ledger.status("dev").decisions())
                .extracting(d -> d.revision() + " " + d.verdict() + " by " + d.who() + ": " + d.why())
                .containsExactly(
                        "c3 APPROVED by alice: ",
                        "c1 REJECTED by bob: checkout broken",
                        "c2 SUPERSEDED by samstage: superseded by c3");
        assertThat(ledger.status("staging").waitingRelease()).map(Release::revision).contains("c3");
    }

    @Test
    void aWaitingBuildEntersOnceTheHolderIsDecidedWhileItWaits() {
        ledger.enter("dev", "c1");
        ReleaseLedger waitingBuild = fixture.ledger()
                .sleeper(d -> ledger.reject("dev", "c1", "bob", "flaky"))
                .build();

        EntryResult result = waitingBuild.enter("dev", "c2", java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(1));

        assertThat(result.outcome()).isEqualTo(ENTERED);
        assertThat(ledger.status("dev").holderRelease()).map(Release::revision).contains("c2");
    }

    @Test
    void aWaitingBuildGivesUpWhenItsWaitRunsOutOrANewerCommitSupersedesIt() {
        ledger.enter("dev", "c1");
        MutableClock clock = new MutableClock();
        ReleaseLedger patient = fixture.ledger().clock(clock).sleeper(clock::advance).build();

        EntryResult timedOut = patient.enter("dev", "c2", java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(10));
        assertThat(timedOut.outcome()).isEqualTo(WAITING);
        assertThat(timedOut.holderRevision()).contains("c1");

        ReleaseLedger superseded = fixture.ledger().sleeper(d -> ledger.enter("dev", "c3")).build();
        EntryResult refused = superseded.enter("dev", "c2", java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(1));
        assertThat(refused.outcome()).isEqualTo(REFUSED);
        assertThat(refused.reason()).contains("superseded");
    }
}
