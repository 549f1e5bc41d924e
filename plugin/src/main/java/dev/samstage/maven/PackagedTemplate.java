package dev.samstage.maven;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.StageException;
import dev.samstage.core.config.Environment;
import dev.samstage.core.template.JsonProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What {@code package} left in {@code target/samstage/<env>/} for {@code deploy}. */
final class PackagedTemplate {

    private PackagedTemplate() {
    }

    /** The packaged template, or a failure saying to package the stage first. */
    static Path in(Path stageDir, Environment stage) {
        for (String name : new String[] {"packaged-template.yaml", "packaged-template.json"}) {
            Path candidate = stageDir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new StageException("No packaged template in " + stageDir + "; run mvn deploy-stage -Denv=" + stage.name()
                + " (or mvn package-stage -Denv=" + stage.name() + " before samstage:deploy).");
    }

    /**
     * A packaged template named by a property: the file, or the directory the package goal wrote it
     * to; else a failure naming the property and the path.
     */
    static Path given(Path file, String property) {
        if (Files.isDirectory(file)) {
            for (String name : new String[] {"packaged-template.yaml", "packaged-template.json"}) {
                if (Files.isRegularFile(file.resolve(name))) {
                    return file.resolve(name);
                }
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new StageException("Packaged template " + file + " (-D" + property + ") does not exist; point it at the"
                    + " packaged-template.yaml the package goal wrote (target/samstage/<env>/), or leave it out.");
        }
        return file;
    }

    /** The S3 URL of a template too large to pass inline, as the manifest records it. */
    static Optional<String> url(Path stageDir) {
        Path manifest = stageDir.resolve("package-manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            JsonNode url = new ObjectMapper().readTree(manifest.toFile()).path("templateUrl");
            return url.isTextual() ? Optional.of(url.asText()) : Optional.empty();
        } catch (JsonProcessingException e) {
            // one line, and none of the file's text
            throw new StageException(manifest + " is not valid JSON (" + JsonProblems.describe(e.getOriginalMessage())
                    + "); package the stage again.", e);
        } catch (IOException e) {
            throw new StageException(manifest + " cannot be read (" + e.getMessage() + "); package the stage again.", e);
        }
    }
}
