package dev.samstage.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stage outputs the samstage plugin writes to {@code target/samstage/<env>/outputs.json}:
 * <pre>{"stage":"dev","stackName":"svc-dev","region":"eu-west-1","endpoint":"https://...","outputs":{"ApiUrl":"https://..."}}</pre>
 * or, for a stage deployed to several regions, {@code {"regions":{"eu-west-1":{...},"us-east-1":{...}}}}.
 *
 * @param file the file read
 * @param stage its {@code stage}, or {@code null}
 * @param stackName its {@code stackName}, or {@code null}
 * @param region its {@code region} (or the chosen region's key), or {@code null}
 * @param endpoint its {@code endpoint}, or {@code null}
 * @param outputs its {@code outputs}, possibly empty
 * @param lambdaEndpoint its {@code lambdaEndpoint} (the local stage's Lambda Invoke API), or {@code null}
 */
record OutputsFile(Path file, String stage, String stackName, String region, String endpoint, Map<String, String> outputs,
                   String lambdaEndpoint) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the file; in the per-region form, picks {@code region} if given, else the only region.
     */
    static OutputsFile read(Path file, Optional<Setting> region) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new StageConfigurationException("Outputs file " + file + " is not valid JSON" + at
                    + "; deploy the stage again (mvn samstage:deploy) or fix the file");
        } catch (IOException e) {
            throw new StageConfigurationException("Outputs file " + file + " cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new StageConfigurationException("Outputs file " + file + " does not hold a JSON object; deploy the stage again (mvn samstage:deploy)");
        }
        JsonNode regions = root.get("regions");
        if (regions == null) {
            return from(file, root, root, text(root, "region"));
        }
        if (!regions.isObject() || regions.isEmpty()) {
            throw new StageConfigurationException("Outputs file " + file + " has a 'regions' entry with no regions in it");
        }
        List<String> names = new ArrayList<>();
        regions.fieldNames().forEachRemaining(names::add);
        String chosen;
        if (region.isPresent()) {
            chosen = region.get().value();
            if (!regions.has(chosen)) {
                throw new StageConfigurationException("Outputs file " + file + " has no region " + region.get().describe()
                        + "; it has " + String.join(", ", names));
            }
        } else if (names.size() == 1) {
            chosen = names.get(0);
        } else {
            throw new StageConfigurationException("Outputs file " + file + " holds regions " + String.join(", ", names)
                    + "; choose one with -D" + StageProperties.REGION + "=<region>");
        }
        return from(file, root, regions.get(chosen), chosen);
    }

    private static OutputsFile from(Path file, JsonNode root, JsonNode entry, String region) {
        Map<String, String> outputs = new LinkedHashMap<>();
        JsonNode node = entry.get("outputs");
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                outputs.put(field.getKey(), field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString());
            }
        }
        String stage = Optional.ofNullable(text(entry, "stage")).orElse(text(root, "stage"));
        String stackName = Optional.ofNullable(text(entry, "stackName")).orElse(text(root, "stackName"));
        return new OutputsFile(file, stage, stackName, region, text(entry, "endpoint"), outputs, text(entry, "lambdaEndpoint"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
