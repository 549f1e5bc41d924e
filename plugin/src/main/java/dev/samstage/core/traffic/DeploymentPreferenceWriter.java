package dev.samstage.core.traffic;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateIntrinsic;
import dev.samstage.core.template.TemplateList;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateResource;
import dev.samstage.core.template.TemplateScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a stage's {@link TrafficPolicy} to a SAM template at packaging time: every
 * {@code AWS::Serverless::Function} with an {@code AutoPublishAlias} (its own or from
 * {@code Globals.Function}) gets a {@code DeploymentPreference}, created when absent.
 *
 * <h2>Precedence</h2>
 * <ul>
 *   <li>The preference SAM would see is the starting point: {@code Globals.Function.DeploymentPreference}
 *   merged with the function's own by SAM's rules (mappings merge, the function wins; lists
 *   concatenate, globals first). It is written onto each aliased function, and the Globals
 *   entry is removed, so that SAM's merge does not apply the template's values twice.</li>
 *   <li>{@code Type}: the stage's setting replaces the template's, also a conditional one
 *   ({@code !If}); the replacement is reported.</li>
 *   <li>{@code Alarms}: the template's alarms, then the stage's alarms, then the generated
 *   alarms, without duplicates. Alarms written as {@code !If [cond, [...], [...]]} get the
 *   stage's alarms in both branches. At most 10 per deployment group (CodeDeploy's limit).</li>
 *   <li>{@code TriggerConfigurations}: the template's, then the stage's triggers whose
 *   {@code TriggerName} is not there yet.</li>
 *   <li>{@code Hooks}: the template's; a stage hook replaces the template's hook of the same kind.</li>
 *   <li>{@code Role}, {@code Enabled}, {@code PassthroughCondition} and every condition or
 *   intrinsic function elsewhere are kept as written. {@code Enabled: false} stays off (reported).</li>
 * </ul>
 *
 * <h2>Refused before anything is written or uploaded</h2>
 * More than 10 alarms for a function; a hook that does not reference a function of the
 * template (write {@code !Ref <logicalId>}); a stage hook naming a missing function; stage
 * alarms or triggers that cannot be added to a template value that is neither a list nor an
 * {@code !If} of lists; a generated alarm whose logical id is taken by another resource.
 *
 * <h2>Warned</h2>
 * A function without {@code AutoPublishAlias} (its new code takes all traffic at once),
 * and one that also carries a DeploymentPreference (SAM refuses that). Functions that serve
 * as hooks are expected to have no alias and are not warned about.
 */
public final class DeploymentPreferenceWriter {

    /** CodeDeploy's limit of alarms per deployment group. */
    public static final int MAX_ALARMS = 10;

    private static final String FUNCTION = "AWS::Serverless::Function";
    private static final Set<String> FUNCTION_TYPES = Set.of(FUNCTION, "AWS::Lambda::Function");

    private final StageListener listener;

    public DeploymentPreferenceWriter(StageListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Applies the policy to the template in place.
     *
     * @param template the SAM template (changed only when nothing is refused)
     * @param policy   the stage's traffic settings
     * @return what changed
     * @throws TrafficException naming the template, resource, property and value, when the
     *     template and the stage cannot be combined
     */
    public PreferenceReport apply(Template template, TrafficPolicy policy) {
        String file = template.source().map(Object::toString).orElse("the template");
        Set<String> functionIds = template.resources().stream()
                .filter(r -> r.type().filter(FUNCTION_TYPES::contains).isPresent())
                .map(TemplateResource::logicalId).collect(Collectors.toSet());
        policy.hooks().forEach((kind, id) -> {
            if (!functionIds.contains(id)) {
                throw new TrafficException("Stage " + policy.stage() + " hook " + kind + " names function '" + id + "', which is not"
                        + " a function of " + file + "; name the logical id of an AWS::Serverless::Function in it.");
            }
        });
        Optional<TemplateMap> globals = template.globals("Function");
        Set<String> hookFunctions = hookFunctions(template, globals, policy);
        ApiAlarmTargets apis = new ApiAlarmTargets(template, listener);

        List<PreferencePlan> plans = new ArrayList<>();
        List<String> withoutAlias = new ArrayList<>();
        Map<String, TemplateMap> generated = new LinkedHashMap<>();
        for (TemplateResource function : template.resources()) {
            if (!function.type().filter(FUNCTION::equals).isPresent()) {
                continue;
            }
            Optional<TemplateNode> alias = effective(function, globals, "AutoPublishAlias").filter(n -> !TemplateNodes.isNoValue(n));
            TemplateNode preference = SamGlobalsMerge.merge(
                    ignoresGlobal(function, "DeploymentPreference") ? null : globals.flatMap(g -> g.get("DeploymentPreference")).orElse(null),
                    function.property("DeploymentPreference").orElse(null));
            if (alias.isEmpty()) {
                withoutAlias.add(function.logicalId());
                warnWithoutAlias(file, function, preference, hookFunctions, policy);
                continue;
            }
            if (preference != null && !(preference instanceof TemplateMap)) {
                throw new TrafficException("Resources." + function.logicalId() + ".DeploymentPreference in " + file + " is "
                        + TemplateNodes.describe(preference) + ", not a mapping; stage " + policy.stage()
                        + " cannot set its Type. Write it as a mapping (conditions may go inside, for example on Enabled).");
            }
            PreferencePlan plan = new PreferencePlan(file, function, preference == null ? TemplateMap.empty() : (TemplateMap) preference);
            Optional<TemplateNode> condition = function.node().get("Condition");
            List<TemplateNode> additions = new ArrayList<>();
            policy.alarms().forEach(name -> additions.add(TemplateScalar.string(name)));
            if (policy.lambdaErrorAlarms()) {
                String id = GeneratedAlarms.errorsAlarmId(function.logicalId());
                generated.put(id, GeneratedAlarms.lambdaErrors(function.logicalId(), alias.get(), condition));
                additions.add(TemplateIntrinsic.ref(id));
            }
            if (policy.api5xxAlarms()) {
                apis.alarmsFor(function, condition).forEach((id, alarm) -> {
                    generated.putIfAbsent(id, alarm);
                    additions.add(TemplateIntrinsic.ref(id));
                });
            }
            plan.planAlarms(additions, policy);
            plan.planTriggers(policy);
            plan.planHooks(policy, functionIds);
            plans.add(plan);
        }
        checkGeneratedIds(template, file, generated);

        // nothing refused: write
        for (PreferencePlan plan : plans) {
            plan.write(policy, listener);
        }
        if (!plans.isEmpty()) {
            globals.ifPresent(g -> g.remove("DeploymentPreference"));
        }
        TemplateMap resources = template.root().getMap("Resources").orElseThrow();
        generated.forEach(resources::put);
        listener.on(StageEvent.info("Stage " + policy.stage() + ": deployment preference " + policy.type() + " applied to "
                + (plans.isEmpty() ? "no function" : plans.stream().map(p -> p.function().logicalId()).collect(Collectors.joining(", ")))
                + (generated.isEmpty() ? "" : "; alarms added: " + String.join(", ", generated.keySet())) + "."));
        return new PreferenceReport(plans.stream().map(p -> p.function().logicalId()).toList(), List.copyOf(generated.keySet()), withoutAlias);
    }

    private static Optional<TemplateNode> effective(TemplateResource function, Optional<TemplateMap> globals, String property) {
        return function.property(property).or(() -> ignoresGlobal(function, property) ? Optional.empty() : globals.flatMap(g -> g.get(property)));
    }

    /** SAM's IgnoreGlobals: {@code "*"} or a list of property names. */
    private static boolean ignoresGlobal(TemplateResource function, String property) {
        Optional<TemplateNode> ignore = function.property("IgnoreGlobals");
        if (ignore.isEmpty()) {
            return false;
        }
        if (ignore.get() instanceof TemplateScalar s) {
            return s.text().equals("*") || s.text().equals(property);
        }
        return ignore.get() instanceof TemplateList l
                && l.items().stream().anyMatch(i -> i instanceof TemplateScalar s && s.text().equals(property));
    }

    private static Set<String> hookFunctions(Template template, Optional<TemplateMap> globals, TrafficPolicy policy) {
        Set<String> ids = new java.util.HashSet<>(policy.hooks().values());
        List<TemplateNode> preferences = new ArrayList<>();
        globals.flatMap(g -> g.get("DeploymentPreference")).ifPresent(preferences::add);
        template.resources().forEach(r -> r.property("DeploymentPreference").ifPresent(preferences::add));
        for (TemplateNode preference : preferences) {
            if (preference instanceof TemplateMap p) {
                p.getMap("Hooks").ifPresent(h -> h.entries().values().forEach(v -> HookReferences.targets(v).forEach(ids::add)));
            }
        }
        return ids;
    }

    private void warnWithoutAlias(String file, TemplateResource function, TemplateNode preference, Set<String> hookFunctions,
                                  TrafficPolicy policy) {
        if (disabled(preference)) {
            // SAM wants an alias only for an enabled preference; 'Enabled: false' (a hook function's usual
            // setting) is accepted without one and asks for no traffic shifting
            return;
        }
        if (preference != null) {
            listener.on(StageEvent.warn("Resources." + function.logicalId() + " in " + file + " has a DeploymentPreference but no"
                    + " AutoPublishAlias: SAM refuses that and no traffic shifting can happen. Add 'AutoPublishAlias: live' to it"
                    + " (or to Globals.Function)."));
        } else if (!hookFunctions.contains(function.logicalId())) {
            listener.on(StageEvent.warn("Resources." + function.logicalId() + " in " + file + " has no AutoPublishAlias, so stage "
                    + policy.stage() + "'s deployment preference " + policy.type() + " does not apply to it: its new code takes all"
                    + " traffic at once, without alarms. Add 'AutoPublishAlias: live' to it (or to Globals.Function) to shift traffic safely."));
        }
    }

    private static boolean disabled(TemplateNode preference) {
        return preference instanceof TemplateMap map && map.get("Enabled")
                .filter(n -> n instanceof TemplateScalar s && s.text().equalsIgnoreCase("false")).isPresent();
    }

    private static void checkGeneratedIds(Template template, String file, Map<String, TemplateMap> generated) {
        for (String id : generated.keySet()) {
            template.resource(id).filter(existing -> !GeneratedAlarms.ours(existing)).ifPresent(existing -> {
                throw new TrafficException("Resources." + id + " in " + file + " already exists (" + existing.type().orElse("no type")
                        + "); the generated alarm needs that logical id. Rename the resource, or switch the generated alarm off.");
            });
        }
    }
}
