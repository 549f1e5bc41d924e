package dev.samstage.core.template;

import java.util.regex.Pattern;

/**
 * How an unquoted YAML scalar is read. The SAM CLI, the SAM translator and cfn-lint all read
 * templates with YAML 1.1 rules (PyYAML), so {@code yes} is a boolean and {@code 2012-10-17}
 * a date there; a string that any of those rules, or YAML 1.2's, would read as something else
 * must be quoted when written.
 */
final class PlainScalars {

    private static final Pattern BOOLEAN = Pattern.compile(
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern TRUE = Pattern.compile("yes|Yes|YES|true|True|TRUE|on|On|ON");
    private static final Pattern NULL = Pattern.compile("|~|null|Null|NULL");
    private static final Pattern INT = Pattern.compile(
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
    /** YAML 1.2 core schema numbers that YAML 1.1 reads as strings (1e5, 0o17). */
    private static final Pattern CORE_NUMBER = Pattern.compile(
            "[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
                    + "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?");
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");

    private PlainScalars() {
    }

    /** The kind of value an unquoted scalar with this text stands for. */
    static TemplateScalar.Kind kindOf(String text) {
        if (NULL.matcher(text).matches()) {
            return TemplateScalar.Kind.NULL;
        }
        if (BOOLEAN.matcher(text).matches()) {
            return TemplateScalar.Kind.BOOLEAN;
        }
        if (INT.matcher(text).matches() || FLOAT.matcher(text).matches()) {
            return TemplateScalar.Kind.NUMBER;
        }
        return TemplateScalar.Kind.STRING;
    }

    /** Whether a string with this text would be read back as something other than that string if left unquoted. */
    static boolean needsQuotes(String text) {
        return kindOf(text) != TemplateScalar.Kind.STRING
                || CORE_NUMBER.matcher(text).matches()
                || TIMESTAMP.matcher(text).matches()
                || text.equals("<<") || text.equals("=");
    }

    /**
     * Whether a tagged string ({@code !Ref text}) can be written without quotes. Deliberately
     * narrower than YAML allows: printable ASCII, no indicator first, nothing that starts a
     * comment or a mapping value, and no flow indicators inside flow collections.
     */
    static boolean isSafeTaggedPlain(String text, boolean inFlow) {
        if (text.isEmpty() || "-?:,[]{}#&*!|>'\"%@` ".indexOf(text.charAt(0)) >= 0
                || text.endsWith(" ") || text.endsWith(":")
                || text.contains(": ") || text.contains(" #")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || inFlow && ",[]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isTrue(String text) {
        return TRUE.matcher(text).matches();
    }

    static boolean isJsonNumber(String text) {
        return JSON_NUMBER.matcher(text).matches();
    }
}
