package dev.samstage.core.release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The release ledger's DynamoDB table ({@code <project>-releases}) in one stage account.
 * Each place in the flow is one item ({@code pk} = stage, {@code sk} = {@code state}) carrying a
 * version number; every change is a transaction whose state write is conditional on the version
 * read, so of two racing builds exactly one wins and the other re-reads and decides again.
 * Decisions are items of their own ({@code sk} = {@code decision#<version>#<n>}) written in the
 * same transaction, so the history never disagrees with the state. The state item remembers the
 * verdict on every release decided in the stage (about 60 bytes each), so a rejected or
 * superseded release can never come back; at DynamoDB's 400 KB item limit that is several
 * thousand releases per stage.
 */
public final class LedgerTable {

    static final String PK = "pk";
    static final String SK = "sk";
    private static final String STATE = "state";
    private static final String DECISION = "decision#";

    private final DynamoDbClient dynamo;
    private final String tableName;

    public LedgerTable(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** The table name by convention, {@code <project>-releases}. */
    public static String nameFor(String projectName) {
        return projectName + "-releases";
    }

    public String tableName() {
        return tableName;
    }

    /**
     * Creates the table (on-demand billing) when it does not exist. The deployment role template
     * creates it in the stage accounts; this is for accounts set up by other means and for tests.
     */
    public void createIfAbsent() {
        try {
            dynamo.createTable(b -> b.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build()));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        } catch (ResourceInUseException alreadyThere) {
            // another build created it first: fine
        }
    }

    Position read(String position) {
        Map<String, AttributeValue> item = call(() -> dynamo.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(key(position, STATE))).item());
        return item == null || item.isEmpty() ? Position.empty(position) : PositionItems.fromItem(position, item);
    }

    /**
     * Stores {@code updated} (with the version after {@code expected}'s) and {@code decisions} if, and
     * only if, the stored item still has {@code expected}'s version.
     *
     * @return false when another writer got there first
     */
    boolean compareAndSet(Position expected, Position updated, List<Decision> decisions) {
        long version = expected.version() + 1;
        Map<String, AttributeValue> item = PositionItems.toItem(updated, version);
        item.putAll(key(updated.name(), STATE));
        Put.Builder state = Put.builder().tableName(tableName).item(item);
        if (expected.version() == 0) {
            state.conditionExpression("attribute_not_exists(" + PK + ")");
        } else {
            state.conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#v", PositionItems.VERSION))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expected.version()))));
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(state.build()).build());
        for (int i = 0; i < decisions.size(); i++) {
            Map<String, AttributeValue> d = PositionItems.toItem(decisions.get(i));
            d.putAll(key(updated.name(), String.format("%s%012d#%d", DECISION, version, i)));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(d).build()).build());
        }
        try {
            call(() -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
            return true;
        } catch (TransactionCanceledException lostTheRace) {
            return false;
        }
    }

    /** The latest {@code limit} decisions recorded for {@code position}, newest first. */
    List<Decision> decisions(String position, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", AttributeValue.fromS(position));
        values.put(":d", AttributeValue.fromS(DECISION));
        return call(() -> dynamo.query(b -> b.tableName(tableName).consistentRead(true)
                .keyConditionExpression(PK + " = :p and begins_with(" + SK + ", :d)")
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(limit))).items().stream().map(PositionItems::decisionFromItem).toList();
    }

    private static Map<String, AttributeValue> key(String position, String sortKey) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, AttributeValue.fromS(position));
        key.put(SK, AttributeValue.fromS(sortKey));
        return key;
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceNotFoundException e) {
            throw new ReleaseException("Release ledger table " + tableName + " does not exist in this stage account and"
                    + " region; deploy the deployment role template from target/samstage/pipeline/ there"
                    + " (mvn samstage:pipeline) first.", e);
        }
    }

    @Override
    public String toString() {
        return "LedgerTable[" + tableName + "]";
    }

}
