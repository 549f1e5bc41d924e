package dev.samstage.core.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.samstage.core.StageException;
import dev.samstage.core.template.JsonProblems;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a deployed stage exposes in one region, as kept in {@code target/samstage/<env>/outputs.json}
 * for the suite and the test kit. With one region the file holds
 * {@code {"stage", "stackName", "region", "endpoint", "outputs"}} (the local stage adds
 * {@code "lambdaEndpoint"}, where Lambda's Invoke API runs its functions); with several,
 * {@code {"stage", "regions": {"<region>": {...}}}}.
 *
 * @param stage     stage name
 * @param stackName stack name, null for the local stage
 * @param region    region, null for the local stage
 * @param endpoint  the API's base URL the suite runs against, null when the stage has no API
 * @param outputs   stack outputs by key
 * @param lambdaEndpoint the local stage's Lambda Invoke API endpoint, null for a deployed stage
 *                  (whose functions are found through the stack)
 */
public record StageOutputs(String stage, String stackName, String region, URI endpoint, Map<String, String> outputs,
                           URI lambdaEndpoint) {

    /** The file name inside the stage's output directory. */
    public static final String FILE_NAME = "outputs.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StageOutputs {
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** A deployed stage's outputs: its functions run in Lambda. */
    public StageOutputs(String stage, String stackName, String region, URI endpoint, Map<String, String> outputs) {
        this(stage, stackName, region, endpoint, outputs, null);
    }

    public Optional<URI> endpointUri() {
        return Optional.ofNullable(endpoint);
    }

    /** Writes {@code outputs.json} for one stage, one entry per region, into {@code stageDir}. */
    public static Path write(Path stageDir, List<StageOutputs> regions) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("regions: at least one");
        }
        ObjectNode root = JSON.createObjectNode().put("stage", regions.get(0).stage());
        if (regions.size() == 1) {
            regions.get(0).fill(root);
        } else {
            ObjectNode byRegion = root.putObject("regions");
            regions.forEach(r -> r.fill(byRegion.putObject(r.region()).put("stage", r.stage())));
        }
        Path file = stageDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(stageDir);
            Files.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new StageException("Could not write " + file + " (" + e.getMessage() + "); check the build directory is writable.", e);
        }
        return file;
    }

    private void fill(ObjectNode node) {
        if (stackName != null) {
            node.put("stackName", stackName);
        }
        if (region != null) {
            node.put("region", region);
        }
        if (endpoint != null) {
            node.put("endpoint", endpoint.toString());
        } else {
            node.putNull("endpoint");
        }
        if (lambdaEndpoint != null) {
            node.put("lambdaEndpoint", lambdaEndpoint.toString());
        }
        ObjectNode values = node.putObject("outputs");
        outputs.forEach(values::put);
    }

    /** Reads {@code outputs.json} from {@code stageDir}: one entry per region; empty when there is no file. */
    public static List<StageOutputs> read(Path stageDir) {
        Path file = stageDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<StageOutputs> regions = new ArrayList<>();
            if (root.has("regions")) {
                Iterator<JsonNode> each = root.path("regions").elements();
                each.forEachRemaining(node -> regions.add(of(root.path("stage").asText(), node)));
            } else {
                regions.add(of(root.path("stage").asText(), root));
            }
            return regions;
        } catch (JsonProcessingException e) {
            // one line, and none of the file's text
            throw new StageException(file + " is not a valid outputs file (" + JsonProblems.describe(e.getOriginalMessage())
                    + "); deploy the stage again to rewrite it.", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new StageException(file + " is not a valid outputs file (" + e.getMessage()
                    + "); deploy the stage again to rewrite it.", e);
        }
    }

    private static StageOutputs of(String stage, JsonNode node) {
        Map<String, String> outputs = new LinkedHashMap<>();
        node.path("outputs").fields().forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().asText()));
        String endpoint = node.path("endpoint").isTextual() ? node.path("endpoint").asText() : null;
        String lambda = node.path("lambdaEndpoint").isTextual() ? node.path("lambdaEndpoint").asText() : null;
        return new StageOutputs(stage, node.path("stackName").asText(null), node.path("region").asText(null),
                endpoint == null ? null : URI.create(endpoint), outputs, lambda == null ? null : URI.create(lambda));
    }
}
