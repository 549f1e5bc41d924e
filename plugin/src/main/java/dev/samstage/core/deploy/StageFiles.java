package dev.samstage.core.deploy;

import dev.samstage.core.stage.StageOutputs;
import java.net.URI;
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

    static final String OUTPUTS = StageOutputs.FILE_NAME;
    static final String CHANGE_SET = "change-set.json";

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    StageFiles(Path dir) {
        this.dir = dir;
    }

    /** {@code {"stage","stackName","region","endpoint","outputs"}} or {@code {"stage","regions":{...}}}. */
    Path writeOutputs(String stage, List<RegionResult> results) {
        return StageOutputs.write(dir, results.stream().map(r -> new StageOutputs(stage, r.stackName(), r.region(),
                r.endpoint().map(URI::create).orElse(null), r.outputs())).toList());
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
