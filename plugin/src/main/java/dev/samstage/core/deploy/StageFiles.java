package dev.samstage.core.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.samstage.core.deploy.DeployResult.RegionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files a deployment leaves in the stage's output directory, read by the test kit and by
 * people: {@code outputs.json} and {@code change-set.json}. With one region each file holds
 * that region's fields at the top level; with several, under {@code "regions"} by region.
 */
final class StageFiles {

    static final String OUTPUTS = "outputs.json";
    static final String CHANGE_SET = "change-set.json";

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    StageFiles(Path dir) {
        this.dir = dir;
    }

    /** {@code {"stage","stackName","region","endpoint","outputs"}} or {@code {"stage","regions":{...}}}. */
    Path writeOutputs(String stage, List<RegionResult> results) {
        ObjectNode root = json.createObjectNode().put("stage", stage);
        if (results.size() == 1) {
            fill(root, results.get(0));
        } else {
            ObjectNode regions = root.putObject("regions");
            results.forEach(r -> fill(regions.putObject(r.region()).put("stage", stage), r));
        }
        return write(OUTPUTS, root);
    }

    private void fill(ObjectNode node, RegionResult r) {
        node.put("stackName", r.stackName()).put("region", r.region());
        if (r.endpoint().isPresent()) {
            node.put("endpoint", r.endpoint().get());
        } else {
            node.putNull("endpoint");
        }
        ObjectNode outputs = node.putObject("outputs");
        r.outputs().forEach(outputs::put);
    }

    /** The change sets by region, in the same single- or multi-region shape. */
    Path writeChangeSets(Map<String, ChangeSetSummary> byRegion) {
        ObjectNode root;
        if (byRegion.size() == 1) {
            root = byRegion.values().iterator().next().toJson(json);
        } else {
            root = json.createObjectNode();
            ObjectNode regions = root.putObject("regions");
            byRegion.forEach((region, cs) -> regions.set(region, cs.toJson(json)));
        }
        return write(CHANGE_SET, root);
    }

    private Path write(String name, ObjectNode root) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, json.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new DeployException("Cannot write " + file + " (" + e.getMessage() + "); check that the directory is writable.", e);
        }
        return file;
    }
}
