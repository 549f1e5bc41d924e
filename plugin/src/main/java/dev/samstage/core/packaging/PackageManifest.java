package dev.samstage.core.packaging;

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
            return Files.writeString(file, json(root, "") + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The manifest as indented JSON. Written by hand rather than with a JSON library: the data is
     * flat (strings, numbers, null, one list of objects) and starting up a data binder costs a
     * cold build a fifth of a second, more than the rest of writing the outputs.
     */
    private static String json(Object value, String indent) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        if (value instanceof Map<?, ?> map) {
            String inner = indent + "  ";
            StringBuilder out = new StringBuilder("{");
            String separator = "\n";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator).append(inner).append(string(entry.getKey().toString())).append(" : ")
                        .append(json(entry.getValue(), inner));
                separator = ",\n";
            }
            return out.append(map.isEmpty() ? "" : "\n" + indent).append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            String separator = " ";
            for (Object item : list) {
                out.append(separator).append(json(item, indent));
                separator = ", ";
            }
            return out.append(" ]").toString();
        }
        return string(value.toString());
    }

    private static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
