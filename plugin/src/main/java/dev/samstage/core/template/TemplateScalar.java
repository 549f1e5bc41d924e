package dev.samstage.core.template;

import java.util.Objects;
import java.util.Optional;

/**
 * A string, number, boolean or null exactly as written: the text is kept verbatim, so
 * {@code '012345678901'} stays a quoted string and {@code 1.10} stays that number text.
 * The style it was written in (quotes, literal or folded block) is kept for writing it back;
 * scalars made in code have no style and are written in the plainest form that keeps their kind.
 */
public final class TemplateScalar implements TemplateNode {

    /** What a scalar stands for. */
    public enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    /** How a scalar was written in YAML. */
    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED }

    private final String text;
    private final Kind kind;
    private final Style style;

    TemplateScalar(String text, Kind kind, Style style) {
        this.text = Objects.requireNonNull(text, "text");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.style = style;
    }

    /** A string value. */
    public static TemplateScalar string(String text) {
        return new TemplateScalar(text, Kind.STRING, null);
    }

    /** A string value written as a YAML literal block ({@code |}) where the text allows it. */
    public static TemplateScalar literal(String text) {
        return new TemplateScalar(text, Kind.STRING, Style.LITERAL);
    }

    /** A number with this exact text, for example {@code 30} or {@code 1.10}. */
    public static TemplateScalar number(String text) {
        if (text == null || !PlainScalars.isJsonNumber(text) || PlainScalars.kindOf(text) != Kind.NUMBER) {
            throw new IllegalArgumentException("number: '" + text + "' is not a decimal number such as 30 or 1.10");
        }
        return new TemplateScalar(text, Kind.NUMBER, null);
    }

    public static TemplateScalar number(long value) {
        return new TemplateScalar(Long.toString(value), Kind.NUMBER, null);
    }

    public static TemplateScalar bool(boolean value) {
        return new TemplateScalar(Boolean.toString(value), Kind.BOOLEAN, null);
    }

    public static TemplateScalar nullValue() {
        return new TemplateScalar("null", Kind.NULL, null);
    }

    /** The text as written, after YAML unescaping ({@code "a\nb"} gives a two-line text). */
    public String text() {
        return text;
    }

    public Kind kind() {
        return kind;
    }

    /** The YAML style it was read with; empty for scalars made in code or read from JSON. */
    public Optional<Style> style() {
        return Optional.ofNullable(style);
    }

    /** The boolean a {@link Kind#BOOLEAN} scalar stands for ({@code true}, {@code Yes}, {@code on}...). */
    public boolean booleanValue() {
        if (kind != Kind.BOOLEAN) {
            throw new IllegalStateException("scalar '" + text + "' is a " + kind + ", not a BOOLEAN");
        }
        return PlainScalars.isTrue(text);
    }

    @Override
    public TemplateScalar copy() {
        return this; // immutable
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TemplateScalar that) || kind != that.kind) {
            return false;
        }
        return switch (kind) {
            case NULL -> true;
            case BOOLEAN -> booleanValue() == that.booleanValue();
            default -> text.equals(that.text);
        };
    }

    @Override
    public int hashCode() {
        return switch (kind) {
            case NULL -> 0;
            case BOOLEAN -> Boolean.hashCode(booleanValue());
            default -> Objects.hash(kind, text);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.STRING ? "'" + text + "'" : text;
    }
}
