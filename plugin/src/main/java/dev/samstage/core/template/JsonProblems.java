package dev.samstage.core.template;

import com.fasterxml.jackson.core.JsonToken;
import java.util.Locale;

/**
 * Jackson's parse problems without the text they quote: a file given by mistake (a
 * credentials file as the template) must not be echoed into a build log.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /** Jackson's original message as one line that quotes nothing of the document. */
    public static String describe(String original) {
        String line = original == null ? "" : original.lines().findFirst().orElse("");
        // Jackson appends where a construct started and the source: neither is needed beside line and column
        int marker = line.indexOf(" (start marker");
        if (marker >= 0) {
            line = line.substring(0, marker);
        }
        // a Jackson limit (number or name length): its value, without the name of Jackson's setting
        int setting = line.indexOf(", from `StreamReadConstraints");
        if (setting >= 0) {
            int end = line.indexOf("`)", setting);
            line = line.substring(0, setting) + (end < 0 ? ")" : line.substring(end + 1));
        }
        if (line.startsWith("Unrecognized token")) {
            return "a word that is not a JSON value (expected a string, number, object, array, true, false or null)";
        }
        if (line.startsWith("Unexpected character")) {
            int reason = line.indexOf("): ");
            return "unexpected character" + (reason < 0 ? "" : ": " + line.substring(reason + 3));
        }
        // any other quoted text (a token, a name) is left out
        return line.replaceAll("'[^']{2,}'", "a token").replaceAll("\"[^\"]*\"", "a name").strip();
    }

    /** What a token is, for messages: "a string", "an array"... */
    public static String kindOf(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }
}
