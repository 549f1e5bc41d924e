package dev.samstage.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code Key=Value Key2="a value"} form that {@code sam deploy} uses for
 * {@code parameter_overrides} and {@code tags}: pairs separated by blanks, values optionally
 * in single or double quotes (which may hold blanks). The long form
 * {@code ParameterKey=K,ParameterValue=V} is accepted too.
 */
final class KeyValueList {

    private KeyValueList() {
    }

    /**
     * @param text   the pairs
     * @param origin where the text came from, for the message
     * @throws ConfigException naming the origin and the token that is not {@code Key=Value}
     */
    static Map<String, String> parse(String text, String origin) {
        return parse(splitTokens(text), origin);
    }

    /** Each element one {@code Key=Value} pair (the TOML list form). */
    static Map<String, String> parse(List<String> pairs, String origin) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String token : pairs) {
            String pair = token.strip();
            if (pair.isEmpty()) {
                continue;
            }
            if (pair.startsWith("ParameterKey=") && pair.contains(",ParameterValue=")) {
                int comma = pair.indexOf(",ParameterValue=");
                out.put(pair.substring("ParameterKey=".length(), comma), unquote(pair.substring(comma + ",ParameterValue=".length())));
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(origin + " has '" + pair + "', which is not Key=Value; write pairs as Key=Value Key2=\"a value\".");
            }
            out.put(pair.substring(0, eq).strip(), unquote(pair.substring(eq + 1).strip()));
        }
        return out;
    }

    private static List<String> splitTokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                current.append(c);
            } else if (Character.isWhitespace(c)) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }
}
