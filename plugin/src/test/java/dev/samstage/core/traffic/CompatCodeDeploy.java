package dev.samstage.core.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.testing.aws.LocalAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Test-side client of the local AWS's scripted CodeDeploy deployments
 * ({@code local-aws/src/main/python/compat/codedeploy.py}): a scripted deployment stands for the one
 * CloudFormation starts when it updates an alias under a CodeDeploy update policy.
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

    static Map<String, Object> step(String status, int weight, Map<String, String> lifecycle) {
        return Map.of("status", status, "weight", weight, "lifecycle", lifecycle);
    }

    private static JsonNode call(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(LocalAws.get().endpoint().resolve("/samstage-compat/codedeploy/" + path));
            request = body == null ? request.GET()
                    : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> r = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("compat CodeDeploy " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
