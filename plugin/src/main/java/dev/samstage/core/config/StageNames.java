package dev.samstage.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names of the declared stages. A stage name becomes a directory
 * ({@code target/samstage/<stage>/}), part of S3 keys and, by default, of the stack name, so
 * it is limited to what all three accept; and each name selects one stage only.
 */
final class StageNames {

    /** Letters, digits, hyphens and underscores: safe in a path, an S3 prefix and (but for _) a stack name. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private StageNames() {
    }

    /** Every invalid or repeated name among the declared stages, in declaration order. */
    static List<String> problems(List<Environment> declared) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> first = new LinkedHashMap<>();
        for (int i = 0; i < declared.size(); i++) {
            Environment e = declared.get(i);
            if (!NAME.matcher(e.name()).matches()) {
                problems.add(invalid("<environment><name>" + e.name() + "</name>", e.name()));
                continue;
            }
            Integer earlier = first.putIfAbsent(e.name(), i);
            if (earlier != null) {
                problems.add("Two <environment> elements are named '" + e.name() + "': the " + ordinal(earlier + 1)
                        + " (" + summary(declared.get(earlier)) + ") and the " + ordinal(i + 1) + " (" + summary(e)
                        + "); rename or remove one, each stage is declared once.");
            }
        }
        return problems;
    }

    /** The problem with a stage name, or null when it is valid. */
    static String problem(String name, String origin) {
        return NAME.matcher(name).matches() ? null : invalid(origin, name);
    }

    private static String invalid(String origin, String name) {
        return origin + ": '" + name + "' is not a valid stage name; use 1 to 128 letters, digits, hyphens and "
                + "underscores (the name becomes a directory under target/samstage/ and part of S3 keys and stack names).";
    }

    private static String summary(Environment e) {
        return "account " + (e.accountId() == null ? "not set" : e.accountId()) + ", region "
                + (e.regions().isEmpty() ? "not set" : String.join(",", e.regions()));
    }

    private static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
