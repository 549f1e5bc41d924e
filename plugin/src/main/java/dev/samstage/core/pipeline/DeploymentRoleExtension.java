package dev.samstage.core.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a service adds to its generated deployment role for resource types beyond the defaults
 * (a Step Functions state machine, a Kinesis stream, an SSM parameter read at deploy time ...):
 * managed policies by ARN and IAM policy statements, from the pom's {@code <deploymentRole>}.
 *
 * @param managedPolicyArns attached to the role
 * @param statements        added to the role's inline policy after the generated ones, in order
 */
public record DeploymentRoleExtension(List<String> managedPolicyArns, List<Map<String, Object>> statements) {

    /** Nothing added. */
    public static final DeploymentRoleExtension NONE = new DeploymentRoleExtension(List.of(), List.of());

    private static final Pattern POLICY_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}|aws):policy/[\\w+=,.@/-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    public DeploymentRoleExtension {
        managedPolicyArns = List.copyOf(managedPolicyArns);
        statements = List.copyOf(statements);
    }

    /**
     * Checks the pom's values: policy ARNs, and statements as JSON objects with {@code Effect},
     * {@code Action} (never every action) and {@code Resource}.
     *
     * @throws ConfigException listing every value that is wrong, each naming the element and the fix
     */
    public static DeploymentRoleExtension parse(List<String> policyArns, List<String> statementsJson) {
        List<String> problems = new ArrayList<>();
        List<String> arns = new ArrayList<>();
        for (String arn : policyArns == null ? List.<String>of() : policyArns) {
            String a = arn == null ? "" : arn.strip();
            if (!POLICY_ARN.matcher(a).matches()) {
                problems.add("<deploymentRole><managedPolicyArns> has '" + a + "', which is not a managed policy ARN;"
                        + " use e.g. arn:aws:iam::aws:policy/AWSStepFunctionsFullAccess or arn:aws:iam::<account>:policy/<name>.");
            } else {
                arns.add(a);
            }
        }
        List<Map<String, Object>> statements = new ArrayList<>();
        List<String> given = statementsJson == null ? List.of() : statementsJson;
        for (int i = 0; i < given.size(); i++) {
            String where = "<deploymentRole><statements> entry " + (i + 1);
            Map<String, Object> statement;
            try {
                Object parsed = JSON.readValue(given.get(i) == null ? "" : given.get(i), Object.class);
                if (!(parsed instanceof Map<?, ?> m)) {
                    problems.add(where + " is not a JSON object; write {\"Effect\":\"Allow\",\"Action\":[...],\"Resource\":[...]}.");
                    continue;
                }
                statement = new LinkedHashMap<>();
                m.forEach((k, v) -> statement.put(String.valueOf(k), v));
            } catch (JsonProcessingException e) {
                problems.add(where + " is not valid JSON (" + e.getOriginalMessage() + "); write"
                        + " {\"Effect\":\"Allow\",\"Action\":[...],\"Resource\":[...]}.");
                continue;
            }
            Object effect = statement.get("Effect");
            Object action = statement.get("Action");
            if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
                problems.add(where + " has Effect " + effect + "; use \"Allow\" or \"Deny\".");
            } else if (action == null || statement.get("Resource") == null) {
                problems.add(where + " needs both Action and Resource (NotAction/NotResource are not accepted).");
            } else if ("Allow".equals(effect) && actions(action).stream().anyMatch(a -> a.equals("*") || a.endsWith(":*"))) {
                problems.add(where + " allows every action of a service (" + action + "); name the actions the"
                        + " service's resources need.");
            } else {
                statements.add(statement);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new DeploymentRoleExtension(arns, statements);
    }

    private static List<String> actions(Object action) {
        if (action instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(action));
    }
}
