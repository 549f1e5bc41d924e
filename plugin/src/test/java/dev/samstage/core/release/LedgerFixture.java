package dev.samstage.core.release;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.testing.aws.LocalAws;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** A fresh release ledger on the local AWS: table {@code orders-releases}, stages dev, staging, prod. */
final class LedgerFixture implements AutoCloseable {

    final AwsClientFactory clients;
    final LedgerTable table;

    LedgerFixture() {
        LocalAws aws = LocalAws.get();
        aws.reset();
        clients = AwsClientFactory.create("eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)),
                aws.endpoint());
        table = new LedgerTable(clients.dynamoDb(), LedgerTable.nameFor("orders"));
        table.createIfAbsent();
    }

    ReleaseLedger.Builder ledger() {
        return ReleaseLedger.builder().order(StageOrder.declared(List.of("dev", "staging", "prod"))).table(table);
    }

    /** e.g. {@code dev holds c1, waits c2, rejected [c0] | staging holds -, waits - ...}. */
    static String snapshot(ReleaseLedger ledger) {
        return ledger.statusOfAll().stream().map(s -> s.stage()
                + " holds " + s.holderRelease().map(Release::revision).orElse("-")
                + ", waits " + s.waitingRelease().map(Release::revision).orElse("-")
                + rejected(s)).collect(Collectors.joining(" | "));
    }

    private static String rejected(StageStatus s) {
        List<String> revs = s.decisions().stream().filter(d -> d.verdict() == Verdict.REJECTED && d.stage().equals(s.stage()))
                .map(Decision::revision).sorted().toList();
        return revs.isEmpty() ? "" : ", rejected " + revs;
    }

    @Override
    public void close() {
        clients.close();
    }
}
