package dev.samstage.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Builds on different machines racing for the same stage: the conditional writes let exactly one win. */
class ReleaseRaceTest {

    private static final int BUILDS = 6;

    private LedgerFixture fixture;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        fixture = new LedgerFixture();
        pool = Executors.newFixedThreadPool(BUILDS);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        fixture.close();
    }

    private <T> List<Object> race(List<Callable<T>> contenders) throws Exception {
        CyclicBarrier start = new CyclicBarrier(contenders.size());
        List<Future<Object>> futures = new ArrayList<>();
        for (Callable<T> c : contenders) {
            futures.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                try {
                    return c.call();
                } catch (ReleaseException lost) {
                    return lost;
                }
            }));
        }
        List<Object> results = new ArrayList<>();
        for (Future<Object> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void ofBuildsEnteringAFreeStageAtOnceExactlyOneEntersAndOneOfTheOthersWaits() throws Exception {
        List<Callable<EntryResult>> builds = new ArrayList<>();
        for (int i = 0; i < BUILDS; i++) {
            String rev = "c" + i;
            ReleaseLedger ownLedger = fixture.ledger().build(); // one ledger per machine
            builds.add(() -> ownLedger.enter("dev", rev));
        }

        List<Object> results = race(builds);

        List<EntryResult> entered = results.stream().map(EntryResult.class::cast).filter(EntryResult::entered).toList();
        assertThat(entered).hasSize(1);
        StageStatus dev = fixture.ledger().build().status("dev");
        assertThat(dev.holderRelease()).map(Release::revision).contains(entered.get(0).revision());
        assertThat(dev.waitingRelease()).isPresent();
        assertThat(dev.waitingRelease().get().revision()).isNotEqualTo(entered.get(0).revision());
    }

    @Test
    void anApprovalAndARejectionOfTheSameReleaseCannotBothWin() throws Exception {
        ReleaseLedger ledger = fixture.ledger().build();
        ledger.enter("dev", "c1");

        List<Object> results = race(List.of(
                () -> fixture.ledger().build().approve("dev", "c1", "alice", "ship it"),
                () -> fixture.ledger().build().reject("dev", "c1", "bob", "hold on")));

        assertThat(results).filteredOn(Decision.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(ReleaseException.class::isInstance).hasSize(1);
        Decision winner = (Decision) results.stream().filter(Decision.class::isInstance).findFirst().orElseThrow();
        assertThat(ledger.status("dev").decisions()).extracting(Decision::verdict).containsExactly(winner.verdict());
        assertThat(ledger.status("staging").waitingRelease().isPresent()).isEqualTo(winner.verdict() == Verdict.APPROVED);
    }
}
