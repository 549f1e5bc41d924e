package dev.samstage.core.traffic;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.TemplateIntrinsic;
import dev.samstage.core.template.TemplateList;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateResource;
import dev.samstage.core.template.TemplateScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The DeploymentPreference one function will get: worked out (and refused) completely before
 * {@link #write} changes the template, so a refusal leaves the template untouched.
 */
final class PreferencePlan {

    private final String file;
    private final TemplateResource function;
    private final TemplateMap preference;
    private TemplateNode alarms;
    private TemplateNode triggers;
    private TemplateMap hooks;

    PreferencePlan(String file, TemplateResource function, TemplateMap mergedPreference) {
        this.file = file;
        this.function = function;
        this.preference = mergedPreference.copy();
    }

    TemplateResource function() {
        return function;
    }

    private String where(String property) {
        return "Resources." + function.logicalId() + ".DeploymentPreference." + property + " in " + file;
    }

    void planAlarms(List<TemplateNode> additions, TrafficPolicy policy) {
        TemplateNode existing = preference.get("Alarms").orElse(null);
        Optional<TemplateList> branches = existing == null ? Optional.empty() : TemplateNodes.ifItems(existing);
        if (existing == null || TemplateNodes.isNoValue(existing)) {
            alarms = merged(null, additions, policy);
        } else if (existing instanceof TemplateList list) {
            alarms = merged(list, additions, policy);
        } else if (branches.isPresent()) {
            TemplateNode copy = existing.copy();
            TemplateList items = TemplateNodes.ifItems(copy).orElseThrow();
            for (int i = 1; i <= 2; i++) {
                TemplateNode branch = items.get(i);
                if (!(branch instanceof TemplateList) && !TemplateNodes.isNoValue(branch)) {
                    refuseMerge(branch, additions, policy);
                    return;
                }
                items.items().set(i, merged(branch instanceof TemplateList l ? l : null, additions, policy));
            }
            alarms = copy;
        } else {
            refuseMerge(existing, additions, policy);
            alarms = existing;
        }
    }

    private void refuseMerge(TemplateNode existing, List<TemplateNode> additions, TrafficPolicy policy) {
        if (!additions.isEmpty()) {
            throw new TrafficException(where("Alarms") + " is " + TemplateNodes.describe(existing) + ", not a list; stage "
                    + policy.stage() + " cannot add its alarms to it. Write the template's alarms as a list (or an !If of lists).");
        }
    }

    private TemplateList merged(TemplateList existing, List<TemplateNode> additions, TrafficPolicy policy) {
        TemplateList result = existing == null ? new TemplateList() : existing.copy();
        List<String> seen = new ArrayList<>();
        result.items().forEach(n -> seen.add(key(n)));
        for (TemplateNode addition : additions) {
            if (!seen.contains(key(addition))) {
                seen.add(key(addition));
                result.add(addition.copy());
            }
        }
        if (result.size() > DeploymentPreferenceWriter.MAX_ALARMS) {
            throw new TrafficException(where("Alarms") + " would hold " + result.size() + " alarms (template: "
                    + (existing == null ? 0 : existing.size()) + ", stage " + policy.stage() + " and generated: "
                    + (result.size() - (existing == null ? 0 : existing.size())) + "), more than CodeDeploy's limit of "
                    + DeploymentPreferenceWriter.MAX_ALARMS + " per deployment group; drop some from the stage's <alarms>"
                    + " or the template, or combine them into a composite alarm.");
        }
        return result;
    }

    /** Alarms are the same when they name the same alarm or reference the same resource. */
    private static String key(TemplateNode alarm) {
        if (alarm instanceof TemplateScalar s) {
            return "name:" + s.text();
        }
        return TemplateNodes.refTarget(alarm).map(id -> "ref:" + id).orElse("node:" + alarm);
    }

    void planTriggers(TrafficPolicy policy) {
        TemplateNode existing = preference.get("TriggerConfigurations").orElse(null);
        if (policy.triggers().isEmpty()) {
            triggers = existing;
            return;
        }
        if (existing != null && !(existing instanceof TemplateList)) {
            throw new TrafficException(where("TriggerConfigurations") + " is " + TemplateNodes.describe(existing) + ", not a list;"
                    + " stage " + policy.stage() + " cannot add its triggers to it. Write the template's triggers as a list.");
        }
        TemplateList result = existing == null ? new TemplateList() : ((TemplateList) existing).copy();
        List<String> names = new ArrayList<>();
        result.items().forEach(t -> {
            if (t instanceof TemplateMap m) {
                m.getString("TriggerName").ifPresent(names::add);
            }
        });
        for (TrafficTrigger trigger : policy.triggers()) {
            if (!names.contains(trigger.name())) {
                TemplateList events = new TemplateList();
                trigger.events().forEach(e -> events.add(TemplateScalar.string(e)));
                result.add(TemplateMap.empty()
                        .with("TriggerEvents", events)
                        .with("TriggerName", TemplateScalar.string(trigger.name()))
                        .with("TriggerTargetArn", TemplateScalar.string(trigger.targetArn())));
            }
        }
        triggers = result;
    }

    void planHooks(TrafficPolicy policy, Set<String> functionIds) {
        TemplateNode existing = preference.get("Hooks").orElse(null);
        if (existing != null && !(existing instanceof TemplateMap)) {
            throw new TrafficException(where("Hooks") + " is " + TemplateNodes.describe(existing) + ", not a mapping of"
                    + " PreTraffic/PostTraffic to functions; write it as a mapping.");
        }
        hooks = existing == null ? TemplateMap.empty() : ((TemplateMap) existing).copy();
        policy.hooks().forEach((kind, id) -> hooks.put(kind, TemplateIntrinsic.ref(id)));
        hooks.entries().forEach((kind, value) -> HookReferences.check(where("Hooks." + kind), value, functionIds));
    }

    void write(TrafficPolicy policy, StageListener listener) {
        TemplateMap written = preference.copy();
        Optional<TemplateNode> oldType = written.get("Type");
        String type = policy.type().value();
        if (oldType.isPresent() && !(oldType.get() instanceof TemplateScalar s && s.text().equals(type))) {
            listener.on(StageEvent.info("Resources." + function.logicalId() + ".DeploymentPreference.Type "
                    + TemplateNodes.describe(oldType.get()) + " in " + file + " replaced by stage " + policy.stage() + "'s " + type + "."));
        }
        written.put("Type", TemplateScalar.string(type));
        if (alarms != null && !(alarms instanceof TemplateList l && l.isEmpty() && !written.containsKey("Alarms"))) {
            written.put("Alarms", alarms);
        }
        if (triggers != null) {
            written.put("TriggerConfigurations", triggers);
        }
        if (!hooks.isEmpty()) {
            written.put("Hooks", hooks);
        }
        written.get("Enabled").filter(e -> e instanceof TemplateScalar s && s.kind() == TemplateScalar.Kind.BOOLEAN && !s.booleanValue()
                        || e instanceof TemplateScalar t && t.text().equalsIgnoreCase("false"))
                .ifPresent(e -> listener.on(StageEvent.warn("Resources." + function.logicalId() + ".DeploymentPreference.Enabled is false in "
                        + file + ": stage " + policy.stage() + "'s " + type + " is written but CodeDeploy will not shift traffic for it.")));
        function.setProperty("DeploymentPreference", written);
    }
}
