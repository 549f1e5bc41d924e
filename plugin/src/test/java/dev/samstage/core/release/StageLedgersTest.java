package dev.samstage.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.config.EnvironmentResolver;
import dev.samstage.core.events.StageListener;
import dev.samstage.testing.aws.LocalAws;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Each stage's ledger lives in that stage's account, reached through its deployment role. */
class StageLedgersTest {

    @Test
    void eachStagesStateIsKeptInItsOwnAccount() {
        LocalAws aws = LocalAws.get();
        aws.reset();
        List<Environment> stages = List.of(
                Environment.builder("dev").accountId("111111111111").regions(List.of("eu-west-1")).build(),
                Environment.builder("staging").accountId("222222222222").regions(List.of("eu-west-1")).build(),
                Environment.builder("prod").accountId("333333333333").regions(List.of("eu-central-1")).build());
        try (AwsClientFactory base = AwsClientFactory.create("eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)),
                aws.endpoint());
             StageLedgers ledgers = StageLedgers.open("orders", stages, StageOrder.of(stages),
                     new EnvironmentResolver("orders"), base, true, StageListener.IGNORE)) {
            for (String stage : List.of("dev", "staging", "prod")) {
                ledgers.table(stage).createIfAbsent();
            }
            ReleaseLedger ledger = ledgers.ledger();

            ledger.enter("dev", "c1");
            ledger.approve("dev", "c1", "alice", "");
            ledger.enter("staging", "c1");

            assertThat(ledgers.table("dev").read("dev").fateOf("c1")).contains(Verdict.APPROVED);
            assertThat(ledgers.table("staging").read("staging").holds("c1")).isTrue();
            // the staging account has its own table: dev's state is not in it, nor staging's in dev's
            assertThat(ledgers.table("staging").read("dev").version()).isZero();
            assertThat(ledgers.table("dev").read("staging").version()).isZero();
            assertThat(ledgers.table("prod").read("staging").version()).isZero();
            assertThat(LedgerFixture.snapshot(ledger))
                    .isEqualTo("dev holds -, waits - | staging holds c1, waits - | prod holds -, waits -");
        }
    }
}
