package dev.samstage.core.deploy;

import dev.samstage.core.template.Intrinsics;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateList;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateResource;
import dev.samstage.core.template.TemplateScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What in a template CloudFormation looks up again at every deployment, so that the same
 * template and parameters can still change the stack: dynamic references
 * ({@code {{resolve:ssm:...}}}, {@code ssm-secure}, {@code secretsmanager}), parameters of the
 * SSM types ({@code AWS::SSM::Parameter::Value<...>}), macros other than the SAM transform
 * (including {@code AWS::Include} and {@code Fn::Transform}), and nested stacks, whose
 * templates can change behind an unchanged URL. A deployment of such a template is never
 * judged unchanged by its digest alone.
 */
final class ResolvedAtDeploy {

    static final String SAM_TRANSFORM = "AWS::Serverless-2016-10-31";
    private static final String SSM_PARAMETER_TYPE = "AWS::SSM::Parameter::Value<";
    private static final Set<String> NESTED_STACKS = Set.of("AWS::CloudFormation::Stack", "AWS::Serverless::Application");

    private ResolvedAtDeploy() {
    }

    /** Why CloudFormation would resolve parts of the template again, empty when nothing is. */
    static Optional<String> reason(Template template, String templateText) {
        List<String> found = new ArrayList<>();
        if (templateText.contains("{{resolve:")) {
            found.add("dynamic references ({{resolve:...}})");
        }
        List<String> ssm = template.root().getMap("Parameters").orElse(TemplateMap.empty()).entries().entrySet().stream()
                .filter(p -> p.getValue() instanceof TemplateMap m
                        && m.getString("Type").filter(t -> t.startsWith(SSM_PARAMETER_TYPE)).isPresent())
                .map(Map.Entry::getKey).toList();
        if (!ssm.isEmpty()) {
            found.add((ssm.size() == 1 ? "an SSM parameter type (" : "SSM parameter types (") + String.join(", ", ssm) + ")");
        }
        List<String> macros = new ArrayList<>(transforms(template.root().get("Transform").orElse(null)));
        macros.removeIf(SAM_TRANSFORM::equals);
        if (!macros.isEmpty()) {
            found.add("macros (" + String.join(", ", macros) + ")");
        }
        if (Intrinsics.calls(template.root(), "Fn::Transform")) {
            found.add("Fn::Transform");
        }
        List<String> nested = template.resources().stream()
                .filter(r -> NESTED_STACKS.contains(r.type().orElse(""))).map(TemplateResource::logicalId).toList();
        if (!nested.isEmpty()) {
            found.add("nested stacks (" + String.join(", ", nested) + ")");
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", found));
    }

    private static List<String> transforms(TemplateNode node) {
        if (node instanceof TemplateScalar scalar) {
            return List.of(scalar.text());
        }
        if (node instanceof TemplateList list) {
            return list.items().stream().flatMap(item -> transforms(item).stream()).toList();
        }
        if (node instanceof TemplateMap map) {
            // the long form {Name: ..., Parameters: ...}
            return map.getString("Name").map(List::of).orElse(List.of("(unnamed)"));
        }
        return List.of();
    }
}
