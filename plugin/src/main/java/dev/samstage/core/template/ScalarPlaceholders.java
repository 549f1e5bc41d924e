package dev.samstage.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scalars the YAML emitter would write in a heavier style than the template had: it quotes
 * every tagged scalar ({@code !Ref 'Bucket'}) and turns literal blocks with trailing spaces
 * into double-quoted one-liners. The writer hands the emitter a plain placeholder instead and
 * puts the scalar in its own style into the emitted text afterwards.
 */
final class ScalarPlaceholders {

    private record Pending(Optional<String> tag, String text, boolean literal) {
    }

    private final String prefix = "samstagescalar" + UUID.randomUUID().toString().replace("-", "");
    private final Pattern placeholder = Pattern.compile(prefix + "([0-9]+)x");
    private final List<Pending> pending = new ArrayList<>();

    /** A placeholder for {@code !Tag text} written without quotes; see {@link PlainScalars#isSafeTaggedPlain}. */
    String taggedPlain(String tag, String text) {
        return add(new Pending(Optional.of(tag), text, false));
    }

    /** A placeholder for a literal block; only in block context and for {@link #canBeLiteral} texts. */
    String literal(Optional<String> tag, String text) {
        return add(new Pending(tag, text, true));
    }

    /**
     * Whether a literal block written by {@link #resolve} reads back as exactly this text: some
     * visible content, no characters YAML treats as line breaks or cannot print, and a first line
     * that does not start with a space (which would need an indentation indicator).
     */
    static boolean canBeLiteral(String text) {
        if (text.isBlank() || text.startsWith(" ") || text.startsWith("\n")) {
            return false;
        }
        return text.chars().allMatch(c -> c == '\n' || c == '\t' || c >= 0x20 && c != 0x7f && c != 0x85
                && c != 0x2028 && c != 0x2029 && c != 0xfeff && !(c >= 0x80 && c < 0xa0));
    }

    private String add(Pending scalar) {
        pending.add(scalar);
        return prefix + (pending.size() - 1) + "x";
    }

    /** The emitted text with each placeholder replaced by its scalar. */
    String resolve(String emitted) {
        if (pending.isEmpty()) {
            return emitted;
        }
        Matcher matcher = placeholder.matcher(emitted);
        StringBuilder out = new StringBuilder(emitted.length());
        while (matcher.find()) {
            Pending scalar = pending.get(Integer.parseInt(matcher.group(1)));
            String replacement = scalar.literal()
                    ? literalBlock(scalar, contentIndent(emitted, matcher.start()))
                    : scalar.tag().orElseThrow() + " " + scalar.text();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * The block's content goes two columns right of the key it belongs to ({@code key: |}), or
     * under the scalar itself when it is a sequence item ({@code - |}).
     */
    private static int contentIndent(String emitted, int at) {
        int lineStart = emitted.lastIndexOf('\n', at - 1) + 1;
        int column = lineStart;
        while (column < at && emitted.charAt(column) == ' ') {
            column++;
        }
        while (emitted.startsWith("- ", column) && column + 2 <= at) {
            column += 2;
        }
        return column == at ? at - lineStart : column - lineStart + 2;
    }

    private static String literalBlock(Pending scalar, int indent) {
        String text = scalar.text();
        String chomping = !text.endsWith("\n") ? "-" : text.endsWith("\n\n") ? "+" : "";
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        StringBuilder block = new StringBuilder();
        scalar.tag().ifPresent(tag -> block.append(tag).append(' '));
        block.append('|').append(chomping);
        String margin = " ".repeat(indent);
        for (String line : body.split("\n", -1)) {
            block.append('\n');
            if (!line.isEmpty()) {
                block.append(margin).append(line);
            }
        }
        return block.toString();
    }
}
