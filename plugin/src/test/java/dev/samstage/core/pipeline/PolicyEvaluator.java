package dev.samstage.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the identity policy statements of a generated template the way IAM does for one
 * request (explicit deny wins, else an allow whose Action and Resource both match, else implicit
 * deny), after resolving the template's intrinsics with given values. Conditions are not used by
 * the generated identity policies; a statement with one fails the evaluation rather than being
 * guessed at. Wildcards: {@code *} any run of characters, {@code ?} one; actions ignore case.
 */
final class PolicyEvaluator {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final List<Map<String, Object>> statements;

    /** @param values what {@code Ref}, {@code Fn::GetAtt} ("Resource.Attribute"), {@code Fn::Sub} and {@code Fn::ImportValue} resolve to */
    @SuppressWarnings("unchecked")
    PolicyEvaluator(List<Map<String, Object>> statements, Map<String, String> values) {
        List<Map<String, Object>> resolved = new ArrayList<>();
        for (Map<String, Object> s : statements) {
            if (s.containsKey("Condition") || s.containsKey("NotAction") || s.containsKey("NotResource")) {
                throw new IllegalArgumentException("statement outside what this evaluator models: " + s);
            }
            resolved.add((Map<String, Object>) resolve(s, values));
        }
        this.statements = resolved;
    }

    boolean allows(String action, String resource) {
        boolean allowed = false;
        for (Map<String, Object> s : statements) {
            boolean matches = strings(s.get("Action")).stream().anyMatch(a -> matches(a.toLowerCase(), action.toLowerCase()))
                    && strings(s.get("Resource")).stream().anyMatch(r -> matches(r, resource));
            if (matches && "Deny".equals(s.get("Effect"))) {
                return false;
            }
            allowed |= matches && "Allow".equals(s.get("Effect"));
        }
        return allowed;
    }

    private static boolean matches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    private static List<String> strings(Object node) {
        if (node instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(node));
    }

    @SuppressWarnings("unchecked")
    static Object resolve(Object node, Map<String, String> values) {
        if (node instanceof List<?> l) {
            return l.stream().map(n -> resolve(n, values)).toList();
        }
        if (!(node instanceof Map<?, ?> m)) {
            return node;
        }
        Map<String, Object> map = (Map<String, Object>) m;
        if (map.size() == 1) {
            String key = map.keySet().iterator().next();
            Object arg = map.get(key);
            switch (key) {
                case "Ref":
                    return value(values, (String) arg);
                case "Fn::GetAtt":
                    List<Object> parts = (List<Object>) arg;
                    return value(values, parts.get(0) + "." + parts.get(1));
                case "Fn::ImportValue":
                    return value(values, (String) resolve(arg, values));
                case "Fn::Join":
                    List<Object> join = (List<Object>) arg;
                    List<Object> items = (List<Object>) resolve(join.get(1), values);
                    return String.join((String) join.get(0), items.stream().map(String::valueOf).toList());
                case "Fn::Sub":
                    Matcher matcher = VARIABLE.matcher((String) arg);
                    StringBuilder out = new StringBuilder();
                    while (matcher.find()) {
                        matcher.appendReplacement(out, Matcher.quoteReplacement(value(values, matcher.group(1))));
                    }
                    matcher.appendTail(out);
                    return out.toString();
                default:
                    break;
            }
        }
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, resolve(v, values)));
        return copy;
    }

    private static String value(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no value for " + name + " in " + values.keySet());
        }
        return v;
    }
}
