package dev.samstage.core.template;

import java.util.Objects;

/**
 * An intrinsic function written in YAML short form: {@code !Ref X}, {@code !Sub ...},
 * {@code !GetAtt A.B} or {@code !GetAtt [A, B]}, {@code !If [...]}. The argument keeps the
 * shape it was written in. Long forms ({@code Fn::Sub: ...}, {@code {"Ref": "X"}}) stay
 * ordinary {@link TemplateMap}s; {@link Intrinsics} recognises both. In JSON an intrinsic is
 * written in long form.
 */
public final class TemplateIntrinsic implements TemplateNode {

    private final String tag;
    private final String function;
    private TemplateNode argument;

    private TemplateIntrinsic(String tag, String function, TemplateNode argument) {
        this.tag = tag;
        this.function = function;
        this.argument = Objects.requireNonNull(argument, "argument");
    }

    /**
     * An intrinsic named by its short tag ({@code !Sub}) or its long name ({@code Fn::Sub},
     * {@code Ref}).
     */
    public static TemplateIntrinsic of(String tagOrFunction, TemplateNode argument) {
        Objects.requireNonNull(tagOrFunction, "tagOrFunction");
        if (tagOrFunction.startsWith("!")) {
            String function = ShortFormTags.functionOf(tagOrFunction)
                    .orElseThrow(() -> new IllegalArgumentException("tag: " + tagOrFunction
                            + " is not an intrinsic function tag; use one of " + ShortFormTags.known()));
            return new TemplateIntrinsic(tagOrFunction, function, argument);
        }
        String tag = ShortFormTags.tagOf(tagOrFunction)
                .orElseThrow(() -> new IllegalArgumentException("function: " + tagOrFunction
                        + " has no YAML short form; use a TemplateMap {" + tagOrFunction + ": ...}"));
        return new TemplateIntrinsic(tag, tagOrFunction, argument);
    }

    /** {@code !Ref logicalId}. */
    public static TemplateIntrinsic ref(String logicalId) {
        return of("!Ref", TemplateScalar.string(logicalId));
    }

    /** {@code !Sub text}. */
    public static TemplateIntrinsic sub(String text) {
        return of("!Sub", TemplateScalar.string(text));
    }

    /** {@code !GetAtt resource.attribute}. */
    public static TemplateIntrinsic getAtt(String logicalId, String attribute) {
        return of("!GetAtt", TemplateScalar.string(logicalId + "." + attribute));
    }

    /** The long name: {@code Ref}, {@code Condition}, {@code Fn::Sub}, {@code Fn::GetAtt}... */
    public String function() {
        return function;
    }

    /** The short tag as written: {@code !Ref}, {@code !Sub}... */
    public String tag() {
        return tag;
    }

    public TemplateNode argument() {
        return argument;
    }

    public void setArgument(TemplateNode argument) {
        this.argument = Objects.requireNonNull(argument, "argument");
    }

    @Override
    public TemplateIntrinsic copy() {
        return new TemplateIntrinsic(tag, function, argument.copy());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TemplateIntrinsic that && function.equals(that.function)
                && argument.equals(that.argument);
    }

    @Override
    public int hashCode() {
        return Objects.hash(function, argument);
    }

    @Override
    public String toString() {
        return tag + " " + argument;
    }
}
