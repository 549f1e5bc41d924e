package dev.samstage.core.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;

/**
 * A created change set as a person reviews it: which resources it adds, modifies or removes,
 * and whether it replaces them.
 *
 * @param id              change set ARN
 * @param name            change set name
 * @param stackName       stack it belongs to
 * @param region          region of the stack
 * @param status          {@code CREATE_COMPLETE}, {@code FAILED}...
 * @param statusReason    why it failed, if it did
 * @param executionStatus {@code AVAILABLE}, {@code EXECUTE_COMPLETE}...
 * @param description     description (carries the template digest)
 * @param changes         resource changes in CloudFormation's order
 */
public record ChangeSetSummary(String id, String name, String stackName, String region, String status, String statusReason,
                               String executionStatus, String description, List<Change> changes) {

    /**
     * One resource change.
     *
     * @param action      Add, Modify, Remove, Import, Dynamic
     * @param logicalId   logical resource id
     * @param type        resource type
     * @param replacement True, False, Conditional, or "-" when not applicable
     */
    public record Change(String action, String logicalId, String type, String replacement) {
    }

    public ChangeSetSummary {
        changes = List.copyOf(changes);
    }

    /** @param stackName needed when {@code changeSetId} is a name rather than an ARN; else null */
    static ChangeSetSummary describe(CloudFormationClient cfn, String changeSetId, String stackName, String region) {
        List<Change> changes = new ArrayList<>();
        DescribeChangeSetResponse first = null;
        String token = null;
        do {
            String t = token;
            DescribeChangeSetResponse r = cfn.describeChangeSet(b -> b.changeSetName(changeSetId).stackName(stackName).nextToken(t));
            if (first == null) {
                first = r;
            }
            r.changes().forEach(c -> {
                ResourceChange rc = c.resourceChange();
                if (rc != null) {
                    changes.add(new Change(text(rc.actionAsString()), text(rc.logicalResourceId()), text(rc.resourceType()),
                            rc.replacementAsString() == null ? "-" : rc.replacementAsString()));
                }
            });
            token = r.nextToken();
        } while (token != null);
        return new ChangeSetSummary(first.changeSetId(), first.changeSetName(), first.stackName(), region,
                first.statusAsString(), first.statusReason(), first.executionStatusAsString(), first.description(), changes);
    }

    private static String text(String s) {
        return s == null ? "-" : s;
    }

    /** Whether CloudFormation found nothing to change. */
    public boolean empty() {
        return "FAILED".equals(status) && EmptyChangeSet.isEmptyReason(statusReason);
    }

    public boolean executable() {
        return "CREATE_COMPLETE".equals(status) && "AVAILABLE".equals(executionStatus);
    }

    public Optional<String> templateSha256() {
        return TemplateDigest.fromDescription(description);
    }

    /** The changes as aligned text lines, a header first. */
    public List<String> table() {
        int a = "Action".length();
        int l = "Logical id".length();
        int t = "Type".length();
        for (Change c : changes) {
            a = Math.max(a, c.action().length());
            l = Math.max(l, c.logicalId().length());
            t = Math.max(t, c.type().length());
        }
        String format = "  %-" + a + "s  %-" + l + "s  %-" + t + "s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "Action", "Logical id", "Type", "Replacement"));
        for (Change c : changes) {
            lines.add(String.format(format, c.action(), c.logicalId(), c.type(), c.replacement()));
        }
        return lines;
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("changeSetId", id);
        node.put("changeSetName", name);
        node.put("stackName", stackName);
        node.put("region", region);
        node.put("status", status);
        if (statusReason != null) {
            node.put("statusReason", statusReason);
        }
        node.put("executionStatus", executionStatus);
        templateSha256().ifPresent(sha -> node.put("templateSha256", sha));
        ArrayNode list = node.putArray("changes");
        for (Change c : changes) {
            list.addObject().put("action", c.action()).put("logicalId", c.logicalId()).put("type", c.type())
                    .put("replacement", c.replacement());
        }
        return node;
    }
}
