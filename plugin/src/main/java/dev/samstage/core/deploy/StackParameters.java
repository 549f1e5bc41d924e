package dev.samstage.core.deploy;

import dev.samstage.core.config.StagePropertyNames;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

/**
 * The parameter values a change set passes: the template configuration file's, overridden by
 * the stage's parameter overrides, for the parameters the template declares only (others are
 * reported and left out, as CloudFormation would reject them). A declared parameter without
 * a value keeps the stack's previous value on an update, or its Default; with neither, the
 * deployment stops before any change set is created.
 */
final class StackParameters {

    private StackParameters() {
    }

    /**
     * @param existing parameter names the stack has now (empty for a new stack)
     * @throws DeployException naming every parameter that has no value
     */
    static List<Parameter> resolve(Template template, Map<String, String> fromConfiguration, Map<String, String> overrides,
                                   Set<String> existing, String stackName, StageListener listener) {
        Map<String, String> values = new LinkedHashMap<>(fromConfiguration);
        values.putAll(overrides);
        TemplateMap declared = template.root().getMap("Parameters").orElse(TemplateMap.empty());
        for (String name : values.keySet()) {
            if (!declared.containsKey(name)) {
                listener.on(StageEvent.warn("Parameter " + name + " is not declared by the template; its value is not passed."));
            }
        }
        List<Parameter> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, TemplateNode> p : declared.entries().entrySet()) {
            String name = p.getKey();
            if (values.containsKey(name)) {
                out.add(Parameter.builder().parameterKey(name).parameterValue(values.get(name)).build());
            } else if (existing.contains(name)) {
                out.add(Parameter.builder().parameterKey(name).usePreviousValue(true).build());
            } else if (!(p.getValue() instanceof TemplateMap def) || !def.containsKey("Default")) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new DeployException("Template parameter" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + " of stack " + stackName + " ha" + (missing.size() == 1 ? "s" : "ve")
                    + " no Default and no value; nothing was deployed. Give "
                    + (missing.size() == 1 ? "it" : "them") + " in <parameterOverrides>, -D"
                    + StagePropertyNames.PARAMETER_OVERRIDES + "=" + missing.get(0) + "=<value>, or the template configuration file.");
        }
        return out;
    }

    /**
     * Every declared parameter's value as CloudFormation will use it: the value passed, else the
     * stack's current value ({@code UsePreviousValue}), else the template's Default. A NoEcho
     * parameter's value is replaced by a placeholder: its secret must not go into a digest kept
     * on the stack (see {@link #noEchoGiven}).
     *
     * @param current the stack's parameter values now (empty for a new stack)
     */
    static Map<String, String> effective(Template template, List<Parameter> passed, Map<String, String> current) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        passed.forEach(p -> byName.put(p.parameterKey(), p));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, TemplateNode> p : declared(template).entries().entrySet()) {
            String name = p.getKey();
            TemplateMap def = p.getValue() instanceof TemplateMap m ? m : TemplateMap.empty();
            if (noEcho(def)) {
                out.put(name, "(NoEcho)");
                continue;
            }
            Parameter given = byName.get(name);
            Optional<String> value;
            if (given != null && !Boolean.TRUE.equals(given.usePreviousValue())) {
                value = Optional.ofNullable(given.parameterValue());
            } else if (current.containsKey(name)) {
                value = Optional.ofNullable(current.get(name));
            } else {
                value = def.get("Default").map(d -> d instanceof TemplateScalar s ? s.text() : d.toString());
            }
            out.put(name, value.orElse(""));
        }
        return out;
    }

    /** The NoEcho parameters given a value (not {@code UsePreviousValue}) by this deployment. */
    static List<String> noEchoGiven(Template template, List<Parameter> passed) {
        TemplateMap declared = declared(template);
        return passed.stream().filter(p -> !Boolean.TRUE.equals(p.usePreviousValue()))
                .map(Parameter::parameterKey)
                .filter(name -> declared.getMap(name).filter(StackParameters::noEcho).isPresent())
                .toList();
    }

    private static TemplateMap declared(Template template) {
        return template.root().getMap("Parameters").orElse(TemplateMap.empty());
    }

    private static boolean noEcho(TemplateMap declaration) {
        return declaration.getString("NoEcho").map(v -> v.equalsIgnoreCase("true")).orElse(false);
    }
}
