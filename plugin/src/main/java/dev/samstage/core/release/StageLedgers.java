package dev.samstage.core.release;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.ConfigException;
import dev.samstage.core.config.Environment;
import dev.samstage.core.config.EnvironmentResolver;
import dev.samstage.core.events.StageListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Opens the release ledger of a service: the {@code <project>-releases} table of every stage,
 * each reached in the stage's own account and primary region through the stage's deployment
 * role (or with the caller's credentials when roles are not assumed, e.g. an operator already
 * signed in to the stage account). Close it to release the clients.
 */
public final class StageLedgers implements AutoCloseable {

    private static final String SESSION = "samstage-release";

    private final List<AutoCloseable> opened;
    private final Map<String, LedgerTable> tables;
    private final ReleaseLedger ledger;

    private StageLedgers(Map<String, LedgerTable> tables, List<AutoCloseable> opened, StageOrder order, StageListener listener) {
        this.tables = Map.copyOf(tables);
        this.opened = List.copyOf(opened);
        this.ledger = ReleaseLedger.builder().order(order).tables(this.tables::get).listener(listener).build();
    }

    /**
     * @param projectName the service; names the table {@code <project>-releases}
     * @param stages      the resolved stages (with account and region), any order
     * @param order       the release order over their names
     * @param resolver    gives each stage's deployment role
     * @param base        the caller's clients (credentials, endpoint override)
     * @param assumeRoles whether to reach each stage through its deployment role
     */
    public static StageLedgers open(String projectName, List<Environment> stages, StageOrder order,
            EnvironmentResolver resolver, AwsClientFactory base, boolean assumeRoles, StageListener listener) {
        Objects.requireNonNull(base, "base");
        Map<String, Environment> byName = new HashMap<>();
        stages.forEach(e -> byName.put(e.name(), e));
        Map<String, LedgerTable> tables = new HashMap<>();
        List<AutoCloseable> toClose = new ArrayList<>();
        StsClient sts = base.sts();
        toClose.add(sts);
        for (String name : order.stages()) {
            Environment e = byName.get(name);
            if (e == null || e.region().isEmpty()) {
                throw new ConfigException("<environment> '" + name + "' has no <region>; the release ledger of a stage lives"
                        + " in its account and primary region, so set one.");
            }
            String region = e.region().get();
            AwsCredentialsProvider credentials = base.credentials();
            if (assumeRoles && e.accountId() != null && !e.accountId().isBlank()) {
                String roleArn = resolver.deploymentRoleArn(e, region);
                StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts)
                        .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(SESSION)
                                .externalId(e.externalId() == null || e.externalId().isBlank() ? null : e.externalId()))
                        .build();
                toClose.add(assumed);
                credentials = assumed;
            }
            AwsClientFactory clients = base.with(region, credentials);
            var dynamo = clients.dynamoDb();
            toClose.add(dynamo);
            toClose.add(clients);
            tables.put(name, new LedgerTable(dynamo, LedgerTable.nameFor(projectName)));
        }
        return new StageLedgers(tables, toClose, order, listener);
    }

    public ReleaseLedger ledger() {
        return ledger;
    }

    /** The ledger table of {@code stage}, e.g. to create it where no template did. */
    public LedgerTable table(String stage) {
        return tables.get(ledger.order().require(stage));
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // closing clients must not hide the goal's own outcome
            }
        }
    }
}
