package dev.samstage.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
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
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            TomlParseResult toml = Toml.parse(file);
            if (toml.hasErrors()) {
                throw new ConfigException(file + " is not valid TOML: " + toml.errors().get(0)
                        + "; fix the file or remove it.");
            }
            return Optional.of(new SamConfigFile(file, toml));
        } catch (IOException e) {
            throw new ConfigException(file + " cannot be read (" + e.getMessage() + "); check its permissions.");
        }
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
                .stackName(t.getString("stack_name"))
                .bucket(t.getString("s3_bucket"))
                .prefix(t.getString("s3_prefix"))
                .kmsKeyId(t.getString("kms_key_id"))
                .cloudFormationRoleArn(t.getString("role_arn"));
        String region = t.getString("region");
        if (region != null && !region.isBlank()) {
            b.regions(List.of(region.strip()));
        }
        if (t.contains("parameter_overrides")) {
            b.parameterOverrides(pairs(t, "parameter_overrides", origin(env, "parameterOverrides")));
        }
        if (t.contains("tags")) {
            b.tags(pairs(t, "tags", origin(env, "tags")));
        }
        if (t.contains("capabilities")) {
            b.capabilities(words(t, "capabilities"));
        }
        return Optional.of(b.build());
    }

    private Map<String, String> pairs(TomlTable t, String key, String origin) {
        if (t.isArray(key)) {
            return KeyValueList.parse(strings(t.getArray(key)), origin);
        }
        return KeyValueList.parse(String.valueOf(t.get(key)), origin);
    }

    private List<String> words(TomlTable t, String key) {
        if (t.isArray(key)) {
            return strings(t.getArray(key));
        }
        return Arrays.stream(String.valueOf(t.get(key)).split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
    }

    private static List<String> strings(TomlArray array) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(String.valueOf(array.get(i)));
        }
        return out;
    }
}
