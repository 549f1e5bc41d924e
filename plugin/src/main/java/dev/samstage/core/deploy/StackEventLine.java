package dev.samstage.core.deploy;

import dev.samstage.core.events.StageEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * One CloudFormation stack event as it happens: time (UTC), status, resource type, logical id
 * and reason. Failures are {@link Severity#ERROR}, rollbacks {@link Severity#WARN}.
 *
 * @param region    the stack's region, shown when a stage deploys to several
 * @param time      when CloudFormation recorded it
 * @param status    resource status, such as {@code CREATE_FAILED}
 * @param type      resource type
 * @param logicalId logical resource id
 * @param reason    status reason; may be empty
 */
public record StackEventLine(String region, Instant time, String status, String type, String logicalId, String reason)
        implements StageEvent {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    public StackEventLine {
        Objects.requireNonNull(status, "status");
        region = region == null ? "" : region;
        type = type == null ? "" : type;
        logicalId = logicalId == null ? "" : logicalId;
        reason = reason == null ? "" : reason;
    }

    static StackEventLine of(String region, StackEvent e) {
        return new StackEventLine(region, e.timestamp() == null ? Instant.EPOCH : e.timestamp(), e.resourceStatusAsString(),
                e.resourceType(), e.logicalResourceId(), e.resourceStatusReason());
    }

    public boolean failed() {
        return status.endsWith("_FAILED");
    }

    @Override
    public Severity severity() {
        if (failed()) {
            return Severity.ERROR;
        }
        return status.contains("ROLLBACK") ? Severity.WARN : Severity.INFO;
    }

    @Override
    public String message() {
        String line = String.format("%s %-44s %-36s %s", TIME.format(time), status, type, logicalId);
        return (region.isEmpty() ? "" : "[" + region + "] ") + line.stripTrailing() + (reason.isBlank() ? "" : "  " + reason);
    }
}
