package dev.samstage.core.release;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps ledger values to DynamoDB items and back. */
final class PositionItems {

    static final String VERSION = "version";

    private PositionItems() {
    }

    static Map<String, AttributeValue> toItem(Position p, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(VERSION, AttributeValue.fromN(Long.toString(version)));
        if (p.holder() != null) {
            item.put("holder", AttributeValue.fromS(p.holder().revision()));
            item.put("holderSince", AttributeValue.fromS(p.holder().since().toString()));
        }
        if (p.waiting() != null) {
            item.put("waiting", AttributeValue.fromS(p.waiting().revision()));
            item.put("waitingSince", AttributeValue.fromS(p.waiting().since().toString()));
        }
        Map<String, AttributeValue> fates = new HashMap<>();
        p.fates().forEach((rev, verdict) -> fates.put(rev, AttributeValue.fromS(verdict.name())));
        item.put("fates", AttributeValue.fromM(fates));
        return item;
    }

    static Position fromItem(String name, Map<String, AttributeValue> item) {
        Map<String, Verdict> fates = new HashMap<>();
        if (item.containsKey("fates")) {
            item.get("fates").m().forEach((rev, v) -> fates.put(rev, Verdict.valueOf(v.s())));
        }
        return new Position(name,
                release(item, "holder"),
                release(item, "waiting"),
                fates,
                Long.parseLong(item.get(VERSION).n()));
    }

    private static Release release(Map<String, AttributeValue> item, String field) {
        AttributeValue rev = item.get(field);
        return rev == null ? null : new Release(rev.s(), Instant.parse(item.get(field + "Since").s()));
    }

    static Map<String, AttributeValue> toItem(Decision d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("stage", AttributeValue.fromS(d.stage()));
        item.put("revision", AttributeValue.fromS(d.revision()));
        item.put("verdict", AttributeValue.fromS(d.verdict().name()));
        item.put("who", AttributeValue.fromS(d.who()));
        item.put("why", AttributeValue.fromS(d.why()));
        item.put("at", AttributeValue.fromS(d.at().toString()));
        return item;
    }

    static Decision decisionFromItem(Map<String, AttributeValue> item) {
        return new Decision(item.get("stage").s(), item.get("revision").s(), Verdict.valueOf(item.get("verdict").s()),
                item.get("who").s(), item.get("why").s(), Instant.parse(item.get("at").s()));
    }
}
