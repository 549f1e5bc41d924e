package dev.samstage.core.deploy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.template.DocumentLimits;
import dev.samstage.core.template.JsonProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** Nesting limited below Jackson's default so that the message names samstage's limit. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().streamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(DocumentLimits.MAX_NESTING_DEPTH).build()).build());

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
            long size = Files.size(file);
            if (size > DocumentLimits.MAX_CONFIG_BYTES) {
                throw new DeployException(DocumentLimits.tooLarge("Template configuration " + file, size,
                        DocumentLimits.MAX_CONFIG_BYTES, "a template configuration", "keep only Parameters, Tags and StackPolicy in it."));
            }
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (StreamConstraintsException e) {
            throw new DeployException("Template configuration " + file + ": " + DocumentLimits.tooDeep(
                    "it must look like {\"Parameters\":{}, \"Tags\":{}, \"StackPolicy\":{}}."), e);
        } catch (JsonProcessingException e) {
            // line and column, never the text: a file passed by mistake may hold secrets
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new DeployException("Template configuration " + file + where + " is not valid JSON ("
                    + JsonProblems.describe(e.getOriginalMessage())
                    + "); it must look like {\"Parameters\":{}, \"Tags\":{}, \"StackPolicy\":{}}.", e);
        } catch (IOException e) {
            throw new DeployException("Template configuration " + file + " cannot be read (" + firstLine(e)
                    + "); check the path and its permissions.", e);
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
