package dev.samstage.core.deploy;

import dev.samstage.core.template.Intrinsics;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateResource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The capabilities a template needs CloudFormation to acknowledge, derived from what it
 * declares rather than granted wholesale: IAM resources need {@code CAPABILITY_IAM}, IAM
 * resources with custom names {@code CAPABILITY_NAMED_IAM}, and transforms, macros
 * ({@code Fn::Transform}) and nested SAM applications {@code CAPABILITY_AUTO_EXPAND}.
 * SAM resources that create roles (functions, state machines) count as IAM resources,
 * since the transform expands them into {@code AWS::IAM::Role}s.
 */
public final class TemplateCapabilities {

    public static final String IAM = "CAPABILITY_IAM";
    public static final String NAMED_IAM = "CAPABILITY_NAMED_IAM";
    public static final String AUTO_EXPAND = "CAPABILITY_AUTO_EXPAND";

    private static final List<String> NAME_PROPERTIES =
            List.of("RoleName", "UserName", "GroupName", "ManagedPolicyName", "InstanceProfileName");
    private static final Set<String> SAM_ROLE_CREATORS = Set.of(
            "AWS::Serverless::Function", "AWS::Serverless::StateMachine", "AWS::Serverless::Connector");

    private TemplateCapabilities() {
    }

    /** The capabilities {@code template} needs, in a stable order. */
    public static List<String> of(Template template) {
        Set<String> out = new LinkedHashSet<>();
        for (TemplateResource resource : template.resources()) {
            String type = resource.type().orElse("");
            if (type.startsWith("AWS::IAM::") || SAM_ROLE_CREATORS.contains(type)) {
                out.add(IAM);
            }
            if (type.startsWith("AWS::IAM::")
                    && NAME_PROPERTIES.stream().anyMatch(name -> resource.property(name).isPresent())) {
                out.add(NAMED_IAM);
            }
            if (type.equals("AWS::Serverless::Application") || type.equals("AWS::CloudFormation::Macro")) {
                out.add(AUTO_EXPAND);
            }
        }
        if (template.root().containsKey("Transform") || Intrinsics.calls(template.root(), "Fn::Transform")) {
            out.add(AUTO_EXPAND);
        }
        return List.copyOf(out);
    }
}
