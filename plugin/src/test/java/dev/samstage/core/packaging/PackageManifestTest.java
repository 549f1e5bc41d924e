package dev.samstage.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageManifestTest {

    @TempDir
    Path temp;

    @Test
    void writesJsonThatReadsBackWithEveryValueIntactWhateverCharactersItHolds() throws IOException {
        String awkward = "dir \"quoted\"\\back\tslash\nline\u0001 z\u00fcrich \u2603";
        List<ManifestEntry> entries = List.of(
                new ManifestEntry("template.yaml", "Fn", "CodeUri", awkward, "s3://b/p/abc.zip", 1234,
                        ManifestEntry.Status.UPLOADED),
                new ManifestEntry("nested/app.yaml", "Layer", "ContentUri", "layer/", "s3://b/p/def.zip", 0,
                        ManifestEntry.Status.REUSED));

        Path file = PackageManifest.write(temp.resolve("package-manifest.json"), "template.yaml",
                Optional.of("https://s3.amazonaws.com/b/p/t.template"), entries, 1234, 1, 1);

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.get("template").asText()).isEqualTo("template.yaml");
        assertThat(root.get("templateUrl").asText()).isEqualTo("https://s3.amazonaws.com/b/p/t.template");
        assertThat(root.get("bytesUploaded").asLong()).isEqualTo(1234);
        assertThat(root.get("artifacts")).hasSize(2);
        assertThat(root.get("artifacts").get(0).get("localPath").asText()).isEqualTo(awkward);
        assertThat(root.get("artifacts").get(1).get("status").asText()).isEqualTo("reused");
        assertThat(root.get("artifacts").get(1).get("bytes").asLong()).isZero();
    }

    @Test
    void writesNullForAnInlineTemplateAndAnEmptyListWhenNothingWasPackaged() throws IOException {
        Path file = PackageManifest.write(temp.resolve("m.json"), "t.yaml", Optional.empty(), List.of(), 0, 0, 0);

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.get("templateUrl").isNull()).isTrue();
        assertThat(root.get("artifacts").isArray()).isTrue();
        assertThat(root.get("artifacts")).isEmpty();
    }
}
