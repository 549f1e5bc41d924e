package dev.samstage.core.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * The SHA-256 of everything a deployment gives CloudFormation: the template as this region
 * receives it, the parameters' effective values, the stack tags, capabilities, notification
 * topics, service role and stack policy. (The plugin passes no termination protection, rollback
 * configuration or timeout, so there are none to include.) Each change set carries it as the
 * stack tag {@value #TAG}; CloudFormation applies a change set's tags to the stack when it is
 * executed, so a stack whose tag equals the next deployment's digest already runs exactly what
 * that deployment would ask for.
 */
final class DeploymentDigest {

    /** The stack tag holding the digest of the last executed deployment. */
    static final String TAG = "samstage:deployment-digest";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeploymentDigest() {
    }

    /**
     * @param effectiveParameters every declared parameter's value as CloudFormation will use it
     *                            (see {@link StackParameters#effective})
     * @param tags                the stack tags without {@value #TAG}
     */
    static String of(String templateSha256, Map<String, String> effectiveParameters, Map<String, String> tags,
                     List<String> capabilities, List<String> notificationArns, Optional<String> roleArn,
                     Optional<String> stackPolicy) {
        // sorted keys and lists: the same deployment gives the same digest whatever the order of its inputs
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("template", templateSha256);
        canonical.put("parameters", new TreeMap<>(effectiveParameters));
        canonical.put("tags", new TreeMap<>(tags));
        canonical.put("capabilities", capabilities.stream().sorted().toList());
        canonical.put("notificationArns", notificationArns.stream().sorted().toList());
        canonical.put("roleArn", roleArn.orElse(""));
        canonical.put("stackPolicy", stackPolicy.orElse(""));
        try {
            return TemplateDigest.sha256Hex(JSON.writeValueAsString(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings, maps and lists always serialize", e);
        }
    }

    /** The digest the stack's last executed deployment recorded, if a samstage change set set it. */
    static Optional<String> on(Stack stack) {
        return stack.tags().stream().filter(t -> TAG.equals(t.key())).map(t -> t.value()).findFirst();
    }
}
