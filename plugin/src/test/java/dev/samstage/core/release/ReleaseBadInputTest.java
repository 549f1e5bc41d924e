package dev.samstage.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad request is a clear one-line error and leaves the stored ledger exactly as it was. */
class ReleaseBadInputTest {

    private static LedgerFixture fixture;
    private static ReleaseLedger ledger;

    @BeforeAll
    static void devHoldsC2AfterC1WasRejectedAndC3Waits() {
        fixture = new LedgerFixture();
        ledger = fixture.ledger().build();
        ledger.enter("dev", "c1");
        ledger.reject("dev", "c1", "bob", "broken");
        ledger.enter("dev", "c2");
        ledger.enter("dev", "c3");
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("approving a stage that holds nothing", l -> l.approve("staging", null, "alice", ""),
                        "Stage staging holds no release under evaluation, so there is nothing to approve"),
                bad("rejecting a stage that holds nothing", l -> l.reject("prod", null, "alice", "no"),
                        "Stage prod holds no release under evaluation, so there is nothing to reject"),
                bad("rejecting a release twice", l -> l.reject("dev", "c1", "bob", "still broken"),
                        "Release c1 was already rejected in stage dev"),
                bad("approving a rejected release", l -> l.approve("dev", "c1", "alice", ""),
                        "Release c1 was already rejected in stage dev"),
                bad("approving a revision that is not the one in the stage", l -> l.approve("dev", "c3", "alice", ""),
                        "Stage dev holds release c2, not c3; approve -Dsamstage.revision=c2"),
                bad("rejecting without a reason", l -> l.reject("dev", "c2", "bob", " "),
                        "needs a reason: add -Dsamstage.reason"),
                bad("deciding without saying who", l -> l.approve("dev", "c2", "", ""),
                        "set -Dsamstage.approver=<name>"),
                bad("a stage outside the release order", l -> l.approve("qa", null, "alice", ""),
                        "Stage -Denv=qa is not in the release order dev -> staging -> prod"),
                bad("a revision that is no revision", l -> l.enter("dev", "two words"),
                        "Release revision 'two words' is not a commit id or version"));
    }

    private static Arguments bad(String title, Consumer<ReleaseLedger> request, String message) {
        return Arguments.of(title, request, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedClearlyAndChangesNothing(String title, Consumer<ReleaseLedger> request, String message) {
        List<StageStatus> before = ledger.statusOfAll();

        assertThatThrownBy(() -> request.accept(ledger)).isInstanceOf(ReleaseException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        assertThat(ledger.statusOfAll()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedEntries")
    void aRefusedEntryWritesNothing(String title, String stage, String revision, String reason) {
        List<StageStatus> before = ledger.statusOfAll();

        EntryResult result = ledger.enter(stage, revision);

        assertThat(result.outcome()).isEqualTo(EntryResult.Outcome.REFUSED);
        assertThat(result.reason()).contains(reason);
        assertThat(ledger.statusOfAll()).isEqualTo(before);
    }

    static Stream<Arguments> refusedEntries() {
        return Stream.of(
                Arguments.of("a rejected release", "dev", "c1", "c1 was rejected in dev"),
                Arguments.of("a release still under evaluation before", "staging", "c2",
                        "it is still under evaluation in dev; approve it there first"),
                Arguments.of("a release never approved before", "prod", "c3", "it is not approved in staging"));
    }
}
