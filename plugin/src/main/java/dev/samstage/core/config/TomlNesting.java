package dev.samstage.core.config;

import java.util.OptionalInt;

/**
 * How deeply a TOML text nests arrays and inline tables, found without parsing it: the TOML
 * parser recurses once per level and would overflow the stack on a few thousand brackets.
 */
final class TomlNesting {

    private TomlNesting() {
    }

    /** The 1-based line where the nesting first goes deeper than {@code max}, if it does. */
    static OptionalInt lineBeyond(String text, int max) {
        int depth = 0;
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                String quote = text.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3) : String.valueOf(c);
                i += quote.length();
                while (i < text.length() && !text.startsWith(quote, i)) {
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                    // a basic string's escaped quote does not end it
                    i += c == '"' && text.charAt(i) == '\\' ? 2 : 1;
                }
                i += quote.length();
            } else {
                if (c == '[' || c == '{') {
                    if (++depth > max) {
                        return OptionalInt.of(line);
                    }
                } else if ((c == ']' || c == '}') && depth > 0) {
                    depth--;
                }
                i++;
            }
        }
        return OptionalInt.empty();
    }
}
