package dev.samstage.core.config;

import dev.samstage.core.template.DocumentLimits;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * An existing {@code samconfig.toml} (the SAM CLI's configuration), read for its
 * {@code [<env>.deploy.parameters]} tables: stack_name, s3_bucket, s3_prefix, region,
 * kms_key_id, parameter_overrides, tags, capabilities and role_arn. Values may be strings
 * ({@code "K=V K2=V2"}) or lists ({@code ["K=V", "K2=V2"]}) as the SAM CLI writes either.
 *
 * <p>{@code role_arn} there is the service role CloudFormation uses to run the change set,
 * not the deployment role samstage assumes, so it maps to
 * {@link Environment#cloudFormationRoleArn()}.</p>
 */
final class SamConfigFile {

    static final Map<String, String> KEYS = Map.of(
            "stackName", "stack_name", "bucket", "s3_bucket", "prefix", "s3_prefix", "regions", "region",
            "kmsKeyId", "kms_key_id", "parameterOverrides", "parameter_overrides", "tags", "tags",
            "capabilities", "capabilities", "cloudFormationRoleArn", "role_arn");

    private final Path file;
    private final TomlParseResult toml;

    private SamConfigFile(Path file, TomlParseResult toml) {
        this.file = file;
        this.toml = toml;
    }

    /** The file, or empty when {@code file} is null or absent (a samconfig.toml is optional). */
    static Optional<SamConfigFile> read(Path file) {
        if (file == null || !Files.exists(file)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + " is not a file; point -Dsamstage.samconfig at a samconfig.toml or remove "
                    + "what is in its place.");
        }
        String text;
        try {
            long size = Files.size(file);
            if (size > DocumentLimits.MAX_CONFIG_BYTES) {
                throw new ConfigException(DocumentLimits.tooLarge(file, size, DocumentLimits.MAX_CONFIG_BYTES,
                        "a samconfig.toml", "keep only the [<env>.deploy.parameters] tables in it."));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ConfigException(file + " is not UTF-8 text; save it as UTF-8 (TOML files are UTF-8).");
        } catch (IOException e) {
            throw new ConfigException(file + " cannot be read (" + e.getMessage() + "); check its permissions.");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark, as Windows editors write, is not part of the TOML
        }
        OptionalInt deep = TomlNesting.lineBeyond(text, DocumentLimits.MAX_NESTING_DEPTH);
        if (deep.isPresent()) {
            throw new ConfigException(file + ":" + deep.getAsInt() + ": " + DocumentLimits.tooDeep(
                    "a samconfig.toml holds flat tables of settings; fix the file or remove it."));
        }
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            TomlParseError error = toml.errors().get(0);
            throw new ConfigException(file + ":" + error.position().line() + ":" + error.position().column()
                    + ": not valid TOML: " + withoutQuotedText(error.getMessage()) + "; fix the file or remove it.");
        }
        SamConfigFile config = new SamConfigFile(file, toml);
        config.checkTables();
        return Optional.of(config);
    }

    /** tomlj quotes the text it found ({@code Unexpected 'A...'}): the file may hold a secret, so leave it out. */
    private static String withoutQuotedText(String message) {
        return message.replaceFirst("^Unexpected .*?, expected", "unexpected text, expected")
                .replaceFirst("^Unexpected .*$", "unexpected text");
    }

    /** Every {@code <env>.deploy} and {@code <env>.deploy.parameters} present is a table. */
    private void checkTables() {
        for (String env : toml.keySet()) {
            if (!toml.isTable(env)) {
                continue; // version = 0.1 and the like
            }
            TomlTable stage = toml.getTable(env);
            if (stage.contains("deploy") && !stage.isTable("deploy")) {
                throw wrongType(env + ".deploy", "a table ([" + env + ".deploy.parameters])", stage.get("deploy"));
            }
            TomlTable deploy = stage.getTable("deploy");
            if (deploy != null && deploy.contains("parameters") && !deploy.isTable("parameters")) {
                throw wrongType(env + ".deploy.parameters", "a table ([" + env + ".deploy.parameters])",
                        deploy.get("parameters"));
            }
        }
    }

    private ConfigException wrongType(String key, String expected, Object found) {
        return new ConfigException(file + ": " + key + " must be " + expected + " but is " + describe(found)
                + "; fix the value in the file.");
    }

    /** A value found in the file, for messages: scalars as written, collections by kind. */
    private static String describe(Object value) {
        if (value instanceof TomlTable) {
            return "a table";
        }
        if (value instanceof TomlArray) {
            return "an array";
        }
        if (value instanceof String s) {
            return "the string \"" + s + "\"";
        }
        String kind = value instanceof Boolean ? "the boolean " : value instanceof Number ? "the number " : "the date/time ";
        return kind + value;
    }

    /** The environments that have a {@code deploy.parameters} table. */
    TreeSet<String> stages() {
        TreeSet<String> out = new TreeSet<>();
        for (String key : toml.keySet()) {
            if (toml.isTable(key) && toml.getTable(List.of(key, "deploy", "parameters")) != null) {
                out.add(key);
            }
        }
        return out;
    }

    /** Where {@code field} of stage {@code env} comes from, for messages. */
    String origin(String env, String field) {
        return file.getFileName() + " [" + env + ".deploy.parameters] " + KEYS.getOrDefault(field, field);
    }

    /** The stage's values as a partial environment (unset fields null or empty). */
    Optional<Environment> stage(String env) {
        TomlTable t = toml.getTable(List.of(env, "deploy", "parameters"));
        if (t == null) {
            return Optional.empty();
        }
        Environment.Builder b = Environment.builder(env)
                .stackName(string(t, env, "stack_name"))
                .bucket(string(t, env, "s3_bucket"))
                .prefix(string(t, env, "s3_prefix"))
                .kmsKeyId(string(t, env, "kms_key_id"))
                .cloudFormationRoleArn(string(t, env, "role_arn"));
        String region = string(t, env, "region");
        if (region != null && !region.isBlank()) {
            b.regions(List.of(region.strip()));
        }
        if (t.contains("parameter_overrides")) {
            b.parameterOverrides(pairs(t, env, "parameter_overrides", origin(env, "parameterOverrides")));
        }
        if (t.contains("tags")) {
            b.tags(pairs(t, env, "tags", origin(env, "tags")));
        }
        if (t.contains("capabilities")) {
            b.capabilities(words(t, env, "capabilities"));
        }
        return Optional.of(b.build());
    }

    private String string(TomlTable t, String env, String key) {
        Object value = t.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType("[" + env + ".deploy.parameters] " + key, "a string (" + key + " = \"...\")", value);
    }

    private Map<String, String> pairs(TomlTable t, String env, String key, String origin) {
        if (t.isArray(key)) {
            return KeyValueList.parse(strings(t, env, key), origin);
        }
        return KeyValueList.parse(stringOrArray(t, env, key), origin);
    }

    private List<String> words(TomlTable t, String env, String key) {
        if (t.isArray(key)) {
            return strings(t, env, key);
        }
        return Arrays.stream(stringOrArray(t, env, key).split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
    }

    private String stringOrArray(TomlTable t, String env, String key) {
        Object value = t.get(key);
        if (value instanceof String s) {
            return s;
        }
        throw wrongType("[" + env + ".deploy.parameters] " + key, "a string or an array of strings", value);
    }

    private List<String> strings(TomlTable t, String env, String key) {
        TomlArray array = t.getArray(key);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            if (!(item instanceof String s)) {
                throw wrongType("[" + env + ".deploy.parameters] " + key + "[" + i + "]", "a string", item);
            }
            out.add(s);
        }
        return out;
    }
}
