package dev.samstage.core.traffic;

import dev.samstage.core.template.Intrinsics;
import dev.samstage.core.template.TemplateIntrinsic;
import dev.samstage.core.template.TemplateList;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateScalar;
import java.util.Optional;

/** Small readings of template nodes that the preference writer needs in several places. */
final class TemplateNodes {

    private TemplateNodes() {
    }

    /** {@code !Ref AWS::NoValue} in either form. */
    static boolean isNoValue(TemplateNode node) {
        return refTarget(node).filter("AWS::NoValue"::equals).isPresent();
    }

    /** The logical id a {@code Ref} (either form) names. */
    static Optional<String> refTarget(TemplateNode node) {
        if (Intrinsics.functionOf(node).filter("Ref"::equals).isPresent()
                && Intrinsics.argumentOf(node).orElseThrow() instanceof TemplateScalar s) {
            return Optional.of(s.text());
        }
        return Optional.empty();
    }

    /** The resource a {@code Fn::GetAtt} (either form, dotted or list argument) names. */
    static Optional<String> getAttTarget(TemplateNode node) {
        if (Intrinsics.functionOf(node).filter("Fn::GetAtt"::equals).isEmpty()) {
            return Optional.empty();
        }
        TemplateNode argument = Intrinsics.argumentOf(node).orElseThrow();
        if (argument instanceof TemplateScalar s) {
            int dot = s.text().indexOf('.');
            return Optional.of(dot < 0 ? s.text() : s.text().substring(0, dot));
        }
        if (argument instanceof TemplateList l && !l.isEmpty() && l.get(0) instanceof TemplateScalar s) {
            return Optional.of(s.text());
        }
        return Optional.empty();
    }

    /** The three items of an {@code Fn::If} (either form), when the node is one with a list of three. */
    static Optional<TemplateList> ifItems(TemplateNode node) {
        if (Intrinsics.functionOf(node).filter("Fn::If"::equals).isPresent()
                && Intrinsics.argumentOf(node).orElseThrow() instanceof TemplateList l && l.size() == 3) {
            return Optional.of(l);
        }
        return Optional.empty();
    }

    /** A short form for messages: {@code !If [...]} or the scalar text. */
    static String describe(TemplateNode node) {
        if (node instanceof TemplateScalar s) {
            return s.text();
        }
        if (node instanceof TemplateIntrinsic i) {
            return i.tag() + " " + describe(i.argument());
        }
        if (node instanceof TemplateList l) {
            return l.items().stream().map(TemplateNodes::describe).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        TemplateMap m = (TemplateMap) node;
        return m.entries().entrySet().stream().map(e -> e.getKey() + ": " + describe(e.getValue()))
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }

    /** A copy of a mapping value, or an empty mapping when absent. */
    static TemplateMap mapOrEmpty(Optional<TemplateNode> node) {
        return node.filter(TemplateMap.class::isInstance).map(n -> ((TemplateMap) n).copy()).orElseGet(TemplateMap::empty);
    }
}
