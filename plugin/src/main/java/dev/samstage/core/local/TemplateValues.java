package dev.samstage.core.local;

import dev.samstage.core.template.Intrinsics;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateList;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateScalar;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves template values to text for the local stage, with no stack behind it:
 * {@code Ref} to a parameter gives its override or {@code Default}, {@code Ref} to a pseudo
 * parameter its local stand-in, {@code Ref} to a resource its logical id (as
 * {@code sam local} does); {@code Fn::Sub} and {@code Fn::Join} over such values are
 * resolved. Anything else ({@code Fn::GetAtt}, {@code Fn::ImportValue}, conditions) has no
 * local value and resolves to empty.
 */
final class TemplateValues {

    /** The APIs SAM creates for functions' Api and HttpApi events, which a template may Ref without declaring them. */
    static final Set<String> IMPLICIT_APIS = Set.of("ServerlessRestApi", "ServerlessHttpApi");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, String> parameters;
    private final Set<String> resources;

    private TemplateValues(Map<String, String> parameters, Set<String> resources) {
        this.parameters = parameters;
        this.resources = resources;
    }

    static TemplateValues of(Template template, Map<String, String> overrides, String region) {
        Map<String, String> parameters = new HashMap<>();
        template.root().getMap("Parameters").ifPresent(section -> section.entries().forEach((name, node) -> {
            if (node instanceof TemplateMap declaration) {
                declaration.getString("Default").ifPresent(value -> parameters.put(name, value));
            }
        }));
        parameters.putAll(overrides);
        parameters.put("AWS::Region", region);
        parameters.put("AWS::AccountId", ProxyEvents.ACCOUNT_ID);
        parameters.put("AWS::Partition", "aws");
        parameters.put("AWS::URLSuffix", "amazonaws.com");
        parameters.put("AWS::StackName", "local");
        parameters.put("AWS::StackId", "arn:aws:cloudformation:" + region + ":" + ProxyEvents.ACCOUNT_ID + ":stack/local/local");
        Set<String> resources = new java.util.HashSet<>(IMPLICIT_APIS);
        template.resources().forEach(r -> resources.add(r.logicalId()));
        return new TemplateValues(parameters, resources);
    }

    /** The node's text, or empty when it has no local value. */
    Optional<String> text(TemplateNode node) {
        if (node instanceof TemplateScalar scalar) {
            return scalar.kind() == TemplateScalar.Kind.NULL ? Optional.empty() : Optional.of(scalar.text());
        }
        Optional<String> function = Intrinsics.functionOf(node);
        if (function.isEmpty()) {
            return Optional.empty();
        }
        TemplateNode argument = Intrinsics.argumentOf(node).orElseThrow();
        return switch (function.get()) {
            case "Ref" -> argument instanceof TemplateScalar name ? ref(name.text()) : Optional.empty();
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> join(argument);
            default -> Optional.empty();
        };
    }

    /** A mapping of names to resolved text; entries without a local value are reported to {@code unresolved}. */
    Map<String, String> textMap(TemplateMap map, java.util.function.Consumer<String> unresolved) {
        Map<String, String> out = new LinkedHashMap<>();
        map.entries().forEach((name, node) -> text(node).ifPresentOrElse(v -> out.put(name, v), () -> unresolved.accept(name)));
        return out;
    }

    private Optional<String> ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return Optional.empty();
        }
        if (parameters.containsKey(name)) {
            return Optional.of(parameters.get(name));
        }
        return resources.contains(name) ? Optional.of(name) : Optional.empty();
    }

    private Optional<String> sub(TemplateNode argument) {
        String text;
        Map<String, String> local = new HashMap<>();
        if (argument instanceof TemplateScalar scalar) {
            text = scalar.text();
        } else if (argument instanceof TemplateList list && list.size() == 2 && list.get(0) instanceof TemplateScalar s
                   && list.get(1) instanceof TemplateMap variables) {
            text = s.text();
            for (Map.Entry<String, TemplateNode> e : variables.entries().entrySet()) {
                Optional<String> value = text(e.getValue());
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                local.put(e.getKey(), value.get());
            }
        } else {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        Matcher matcher = SUB_VARIABLE.matcher(text);
        while (matcher.find()) {
            String variable = matcher.group(1).trim();
            Optional<String> value = local.containsKey(variable) ? Optional.of(local.get(variable)) : ref(variable);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.get()));
        }
        matcher.appendTail(out);
        return Optional.of(out.toString().replace("${!", "${"));
    }

    private Optional<String> join(TemplateNode argument) {
        if (!(argument instanceof TemplateList list) || list.size() != 2
            || !(list.get(0) instanceof TemplateScalar delimiter) || !(list.get(1) instanceof TemplateList parts)) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            Optional<String> part = text(parts.get(i));
            if (part.isEmpty()) {
                return Optional.empty();
            }
            out.append(i == 0 ? "" : delimiter.text()).append(part.get());
        }
        return Optional.of(out.toString());
    }
}
