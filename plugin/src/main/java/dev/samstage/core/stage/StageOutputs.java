package dev.samstage.core.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.samstage.core.StageException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a deployed stage exposes, as written to {@code target/samstage/<env>/outputs.json}
 * for the suite and the test kit: {@code {"stage", "stackName", "region", "endpoint", "outputs"}}.
 *
 * @param stage     stage name
 * @param stackName stack name, empty for the local stage
 * @param region    region, empty for the local stage
 * @param endpoint  the API's base URL the suite runs against, if the stage has an API
 * @param outputs   stack outputs by key
 */
public record StageOutputs(String stage, String stackName, String region, URI endpoint, Map<String, String> outputs) {

    /** The file name inside the stage's output directory. */
    public static final String FILE_NAME = "outputs.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public StageOutputs {
        outputs = Map.copyOf(outputs == null ? Map.of() : outputs);
    }

    public Optional<URI> endpointUri() {
        return Optional.ofNullable(endpoint);
    }

    /** Writes {@code outputs.json} into {@code stageDir}, creating it when needed. */
    public Path write(Path stageDir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("stage", stage);
        if (stackName != null) {
            root.put("stackName", stackName);
        }
        if (region != null) {
            root.put("region", region);
        }
        if (endpoint != null) {
            root.put("endpoint", endpoint.toString());
        }
        root.set("outputs", JSON.valueToTree(new java.util.TreeMap<>(outputs)));
        Path file = stageDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(stageDir);
            Files.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new StageException("Could not write " + file + ": " + e.getMessage() + "; check the build directory is writable.", e);
        }
        return file;
    }

    /** Reads {@code outputs.json} from {@code stageDir}; empty when the stage was not deployed from here. */
    public static Optional<StageOutputs> read(Path stageDir) {
        Path file = stageDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Map<String, String> outputs = new LinkedHashMap<>();
            root.path("outputs").fields().forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().asText()));
            String endpoint = root.path("endpoint").asText(null);
            return Optional.of(new StageOutputs(root.path("stage").asText(), root.path("stackName").asText(null),
                    root.path("region").asText(null), endpoint == null ? null : URI.create(endpoint), outputs));
        } catch (IOException | IllegalArgumentException e) {
            throw new StageException(file + " is not a valid outputs file (" + e.getMessage()
                    + "); deploy the stage again to rewrite it.", e);
        }
    }
}
