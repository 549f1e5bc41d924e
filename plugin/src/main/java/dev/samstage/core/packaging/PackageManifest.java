package dev.samstage.core.packaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Writes {@code package-manifest.json}: what each packaged property became, uploaded or reused. */
final class PackageManifest {

    private PackageManifest() {
    }

    static Path write(Path file, String template, Optional<String> templateUrl, List<ManifestEntry> entries,
                      long bytesUploaded, int uploaded, int reused) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("template", template);
        root.put("templateUrl", templateUrl.orElse(null));
        root.put("bytesUploaded", bytesUploaded);
        root.put("uploaded", uploaded);
        root.put("reused", reused);
        root.put("artifacts", entries.stream().map(e -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("template", e.template());
            entry.put("resource", e.resource());
            entry.put("property", e.property());
            entry.put("localPath", e.localPath());
            entry.put("s3Uri", e.s3Uri());
            entry.put("bytes", e.bytes());
            entry.put("status", e.status().name().toLowerCase(Locale.ROOT));
            return entry;
        }).toList());
        try {
            String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
            return Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the manifest is plain data", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
