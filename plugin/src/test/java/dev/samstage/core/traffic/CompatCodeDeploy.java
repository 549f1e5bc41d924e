package dev.samstage.core.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.testing.aws.LocalAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Test-side client of the local AWS's CodeDeploy controls ({@code local-aws/src/main/python/compat/codedeploy.py}
 * and {@code codedeploy_traffic_shift.py}): the hook invocations CodeDeploy made, the hook statuses it
 * received, and scripted deployments for states the driven deployments do not reach.
 */
final class CompatCodeDeploy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CompatCodeDeploy() {
    }

    /** Creates a deployment in the group that goes through {@code steps}, one per GetDeployment. */
    static String script(String application, String group, String function, List<Map<String, Object>> steps) {
        Map<String, Object> body = Map.of("applicationName", application, "deploymentGroupName", group,
                "functionName", function, "alias", "live", "currentVersion", "6", "targetVersion", "7", "steps", steps);
        return call("POST", "script", body).get("deploymentId").asText();
    }

    /** The hook statuses PutLifecycleEventHookExecutionStatus recorded. */
    static JsonNode hookStatuses() {
        return call("GET", "hook-statuses", null).get("hookStatuses");
    }

    /** The Lambda invocations the local AWS recorded (CodeDeploy's hook invocations among them), oldest first. */
    static JsonNode invocations() {
        return get("/samstage-compat/lambda/invocations").get("invocations");
    }

    static Map<String, Object> step(String status, int weight, Map<String, String> lifecycle) {
        return Map.of("status", status, "weight", weight, "lifecycle", lifecycle);
    }

    private static JsonNode call(String method, String path, Object body) {
        return control(method, "/samstage-compat/codedeploy/" + path, body);
    }

    private static JsonNode get(String path) {
        return control("GET", path, null);
    }

    private static JsonNode control(String method, String path, Object body) {
        try {
            return JSON.readTree(LocalAws.get().control(method, path, body == null ? null : JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
