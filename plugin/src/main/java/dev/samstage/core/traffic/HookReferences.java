package dev.samstage.core.traffic;

import dev.samstage.core.template.TemplateList;
import dev.samstage.core.template.TemplateNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the functions a {@code DeploymentPreference.Hooks} entry names. A hook must be a
 * function of the same template, written {@code !Ref <logicalId>} (or {@code !GetAtt <logicalId>.Arn}),
 * possibly inside an {@code !If}: CodeDeploy invokes it by name, and a name that is not in the
 * template (a plain string, an import) cannot be checked before the deployment and fails only
 * when CodeDeploy tries to call it.
 */
final class HookReferences {

    private HookReferences() {
    }

    /** The logical ids a hook value references (through {@code !If} branches). */
    static List<String> targets(TemplateNode hook) {
        List<String> ids = new ArrayList<>();
        Optional<TemplateList> branches = TemplateNodes.ifItems(hook);
        if (branches.isPresent()) {
            ids.addAll(targets(branches.get().get(1)));
            ids.addAll(targets(branches.get().get(2)));
            return ids;
        }
        TemplateNodes.refTarget(hook).or(() -> TemplateNodes.getAttTarget(hook)).ifPresent(ids::add);
        return ids;
    }

    /**
     * @param where       {@code Resources.X.DeploymentPreference.Hooks.PostTraffic in template.yaml}, for the message
     * @param functionIds logical ids of the template's functions
     * @throws TrafficException when the hook does not reference a function of the template
     */
    static void check(String where, TemplateNode hook, Set<String> functionIds) {
        Optional<TemplateList> branches = TemplateNodes.ifItems(hook);
        if (branches.isPresent()) {
            for (TemplateNode branch : List.of(branches.get().get(1), branches.get().get(2))) {
                if (!TemplateNodes.isNoValue(branch)) {
                    check(where, branch, functionIds);
                }
            }
            return;
        }
        Optional<String> target = TemplateNodes.refTarget(hook).or(() -> TemplateNodes.getAttTarget(hook));
        if (target.isEmpty()) {
            throw new TrafficException(where + " is " + TemplateNodes.describe(hook) + ", which is not a function of the template;"
                    + " write !Ref <logicalId> of an AWS::Serverless::Function in the same template.");
        }
        if (!functionIds.contains(target.get())) {
            throw new TrafficException(where + " references '" + target.get() + "', which is not a function of the template;"
                    + " add the hook function to the template or correct the logical id.");
        }
    }
}
