package dev.samstage.core.template;

import java.util.Optional;

/**
 * Recognises intrinsic functions in either form: the YAML short form ({@link TemplateIntrinsic})
 * and the long form, a mapping with the single key {@code Ref}, {@code Condition} (with a
 * string value) or {@code Fn::...}. {@code Fn::ForEach::<name>} keys of the language
 * extensions are loops, not values, and are not counted.
 */
public final class Intrinsics {

    private Intrinsics() {
    }

    public static boolean isIntrinsic(TemplateNode node) {
        return functionOf(node).isPresent();
    }

    /** The long function name ({@code Ref}, {@code Fn::Sub}) when the node is an intrinsic function. */
    public static Optional<String> functionOf(TemplateNode node) {
        if (node instanceof TemplateIntrinsic intrinsic) {
            return Optional.of(intrinsic.function());
        }
        if (node instanceof TemplateMap map && map.size() == 1) {
            String key = map.keys().iterator().next();
            if (key.equals("Ref") || key.startsWith("Fn::") && !key.startsWith("Fn::ForEach::")) {
                return Optional.of(key);
            }
            if (key.equals("Condition") && map.get(key).orElseThrow() instanceof TemplateScalar scalar
                    && scalar.kind() == TemplateScalar.Kind.STRING) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code node} or anything inside it calls {@code function} (a long name such as
     * {@code Fn::Transform}), in either form.
     */
    public static boolean calls(TemplateNode node, String function) {
        if (node instanceof TemplateIntrinsic intrinsic) {
            return function.equals(intrinsic.function()) || calls(intrinsic.argument(), function);
        }
        if (node instanceof TemplateMap map) {
            return map.containsKey(function) || map.entries().values().stream().anyMatch(value -> calls(value, function));
        }
        if (node instanceof TemplateList list) {
            return list.items().stream().anyMatch(item -> calls(item, function));
        }
        return false;
    }

    /** The function's argument when the node is an intrinsic function, in either form. */
    public static Optional<TemplateNode> argumentOf(TemplateNode node) {
        return functionOf(node).map(function -> node instanceof TemplateIntrinsic intrinsic
                ? intrinsic.argument()
                : ((TemplateMap) node).get(function).orElseThrow());
    }
}
