package dev.samstage.core.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A CodePipeline-style template configuration file:
 * {@code {"Parameters": {"K": "V"}, "Tags": {"K": "V"}, "StackPolicy": {...}}}, every
 * section optional.
 *
 * @param parameters  stack parameter values
 * @param tags        stack tags
 * @param stackPolicy the stack policy document as JSON text, if any
 */
public record TemplateConfiguration(Map<String, String> parameters, Map<String, String> tags, Optional<String> stackPolicy) {

    public static final TemplateConfiguration NONE = new TemplateConfiguration(Map.of(), Map.of(), Optional.empty());

    public TemplateConfiguration {
        parameters = Map.copyOf(parameters);
        tags = Map.copyOf(tags);
        stackPolicy = stackPolicy == null ? Optional.empty() : stackPolicy;
    }

    /** Reads the file, or {@link #NONE} for a null path. */
    public static TemplateConfiguration read(Path file) {
        if (file == null) {
            return NONE;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new DeployException("Template configuration " + file + " cannot be read as JSON (" + firstLine(e)
                    + "); it must look like {\"Parameters\":{}, \"Tags\":{}, \"StackPolicy\":{}}.", e);
        }
        if (root == null || !root.isObject()) {
            throw new DeployException("Template configuration " + file
                    + " is not a JSON object; it must look like {\"Parameters\":{}, \"Tags\":{}, \"StackPolicy\":{}}.");
        }
        JsonNode policy = root.get("StackPolicy");
        return new TemplateConfiguration(strings(file, root, "Parameters"), strings(file, root, "Tags"),
                policy == null || policy.isNull() ? Optional.empty() : Optional.of(policy.toString()));
    }

    private static Map<String, String> strings(Path file, JsonNode root, String section) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode node = root.get(section);
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new DeployException("Template configuration " + file + ": \"" + section
                    + "\" must be an object of names to values.");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isContainerNode()) {
                throw new DeployException("Template configuration " + file + ": \"" + section + "\"." + e.getKey()
                        + " must be a string, number or boolean.");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
