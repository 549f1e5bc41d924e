package dev.samstage.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Merges {@link ConfigLayer}s field by field: the highest layer that sets a field wins;
 * maps (parameter overrides, tags) merge key by key; capabilities add up. Remembers which
 * layer gave each field so a problem can be reported where the user wrote it.
 */
final class EnvironmentMerge {

    /** The merged stage and, per field, where its value came from. */
    record Merged(Environment environment, Map<String, String> origins) {
        String origin(String field) {
            return origins.getOrDefault(field, "<environment> " + environment.name() + ": <" + field + ">");
        }
    }

    private record Text(String name, Function<Environment, String> get, BiConsumer<Environment.Builder, String> set) {
    }

    private static final List<Text> TEXTS = List.of(
            new Text("accountId", Environment::accountId, Environment.Builder::accountId),
            new Text("roleArn", Environment::roleArn, Environment.Builder::roleArn),
            new Text("externalId", Environment::externalId, Environment.Builder::externalId),
            new Text("stackName", Environment::stackName, Environment.Builder::stackName),
            new Text("bucket", Environment::bucket, Environment.Builder::bucket),
            new Text("prefix", Environment::prefix, Environment.Builder::prefix),
            new Text("kmsKeyId", Environment::kmsKeyId, Environment.Builder::kmsKeyId),
            new Text("suiteTag", Environment::suiteTag, Environment.Builder::suiteTag),
            new Text("deploymentPreference", Environment::deploymentPreference, Environment.Builder::deploymentPreference),
            new Text("cloudFormationRoleArn", Environment::cloudFormationRoleArn, Environment.Builder::cloudFormationRoleArn));

    private EnvironmentMerge() {
    }

    /** @param lowToHigh layers in increasing precedence; the last one's name is the stage's */
    static Merged merge(String name, List<ConfigLayer> lowToHigh) {
        List<ConfigLayer> highToLow = new ArrayList<>(lowToHigh);
        Collections.reverse(highToLow);
        Environment.Builder b = Environment.builder(name);
        Map<String, String> origins = new HashMap<>();
        for (Text field : TEXTS) {
            for (ConfigLayer layer : highToLow) {
                String v = field.get().apply(layer.values());
                if (v != null && !v.isBlank()) {
                    field.set().accept(b, v.strip());
                    origins.put(field.name(), layer.origin().apply(field.name()));
                    break;
                }
            }
        }
        for (ConfigLayer layer : highToLow) {
            if (!layer.values().regions().isEmpty()) {
                b.regions(layer.values().regions());
                origins.put("regions", layer.origin().apply("regions"));
                break;
            }
        }
        for (ConfigLayer layer : highToLow) {
            Path p = layer.values().templateConfiguration();
            if (p != null) {
                b.templateConfiguration(p);
                origins.put("templateConfiguration", layer.origin().apply("templateConfiguration"));
                break;
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
        LinkedHashSet<String> capabilities = new LinkedHashSet<>();
        Map<String, String> regionBuckets = new LinkedHashMap<>();
        for (ConfigLayer layer : lowToHigh) {
            Environment v = layer.values();
            parameters.putAll(v.parameterOverrides());
            tags.putAll(v.tags());
            capabilities.addAll(v.capabilities());
            regionBuckets.putAll(v.regionBuckets());
            if (!v.tags().isEmpty()) {
                origins.put("tags", layer.origin().apply("tags"));
            }
            if (!v.regionBuckets().isEmpty()) {
                origins.put("regionBuckets", layer.origin().apply("regionBuckets"));
            }
            if (!v.notificationArns().isEmpty()) {
                b.notificationArns(v.notificationArns());
            }
            if (!v.alarms().isEmpty()) {
                b.alarms(v.alarms());
            }
            if (!v.generatedAlarms().isEmpty()) {
                b.generatedAlarms(v.generatedAlarms());
            }
        }
        b.parameterOverrides(parameters).tags(tags).capabilities(List.copyOf(capabilities)).regionBuckets(regionBuckets);
        b.requiresApproval(flag(highToLow, ConfigLayer::requiresApproval));
        b.production(flag(highToLow, ConfigLayer::production));
        return new Merged(b.build(), origins);
    }

    private static boolean flag(List<ConfigLayer> highToLow, Function<ConfigLayer, Optional<Boolean>> get) {
        for (ConfigLayer layer : highToLow) {
            Optional<Boolean> v = get.apply(layer);
            if (v.isPresent()) {
                return v.get();
            }
        }
        return false;
    }
}
