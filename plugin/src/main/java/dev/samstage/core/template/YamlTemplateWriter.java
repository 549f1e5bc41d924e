package dev.samstage.core.template;

import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.emitter.Emitter;
import org.snakeyaml.engine.v2.events.DocumentEndEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.ImplicitTuple;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.events.StreamEndEvent;
import org.snakeyaml.engine.v2.events.StreamStartEvent;

/**
 * Writes the node tree as YAML events, so that each scalar keeps its style and each intrinsic
 * its short tag. Where the emitter would pick a heavier style than the template had (quoted
 * tagged scalars, literal blocks with trailing spaces) {@link ScalarPlaceholders} writes the
 * scalar itself; where a kept style cannot hold a text at all, the emitter falls back to a
 * quoted style, which keeps the meaning.
 */
final class YamlTemplateWriter {

    private static final ImplicitTuple UNTAGGED = new ImplicitTuple(true, true);
    private static final ImplicitTuple TAGGED = new ImplicitTuple(false, false);

    private final Emitter emitter;
    private final ScalarPlaceholders placeholders = new ScalarPlaceholders();
    private int flowDepth;

    private YamlTemplateWriter(StreamDataWriter out) {
        DumpSettings settings = DumpSettings.builder()
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(Integer.MAX_VALUE)
                .setSplitLines(false)
                .setMaxSimpleKeyLength(1024)
                .setUseUnicodeEncoding(true)
                .build();
        this.emitter = new Emitter(settings, out);
    }

    static String write(TemplateMap root) {
        StringWriter text = new StringWriter();
        YamlTemplateWriter writer = new YamlTemplateWriter(new StreamDataWriter() {
            @Override
            public void write(String str) {
                text.write(str);
            }

            @Override
            public void write(String str, int off, int len) {
                text.write(str, off, len);
            }
        });
        writer.emitter.emit(new StreamStartEvent());
        writer.emitter.emit(new DocumentStartEvent(false, Optional.empty(), Map.of()));
        writer.node(root, Optional.empty());
        writer.emitter.emit(new DocumentEndEvent(false));
        writer.emitter.emit(new StreamEndEvent());
        return writer.placeholders.resolve(text.toString());
    }

    private void node(TemplateNode node, Optional<String> tag) {
        if (node instanceof TemplateIntrinsic intrinsic) {
            intrinsic(intrinsic, tag);
        } else if (node instanceof TemplateMap map) {
            mapping(map, tag);
        } else if (node instanceof TemplateList list) {
            boolean flow = flowDepth > 0 || list.isFlow() && !list.isEmpty();
            emitter.emit(new SequenceStartEvent(Optional.empty(), tag, tag.isEmpty(),
                    flow ? FlowStyle.FLOW : FlowStyle.BLOCK));
            flowDepth += flow ? 1 : 0;
            list.items().forEach(item -> node(item, Optional.empty()));
            flowDepth -= flow ? 1 : 0;
            emitter.emit(new SequenceEndEvent());
        } else {
            scalar((TemplateScalar) node, tag);
        }
    }

    private void intrinsic(TemplateIntrinsic intrinsic, Optional<String> outerTag) {
        if (outerTag.isEmpty() && !(intrinsic.argument() instanceof TemplateIntrinsic)) {
            node(intrinsic.argument(), Optional.of(intrinsic.tag()));
            return;
        }
        // a YAML node carries one tag: an intrinsic applied to an intrinsic is written in long form
        TemplateMap longForm = TemplateMap.empty();
        longForm.put(intrinsic.function(), intrinsic.argument());
        mapping(longForm, outerTag);
    }

    private void mapping(TemplateMap map, Optional<String> tag) {
        boolean flow = flowDepth > 0 || map.isFlow() && !map.isEmpty();
        emitter.emit(new MappingStartEvent(Optional.empty(), tag, tag.isEmpty(),
                flow ? FlowStyle.FLOW : FlowStyle.BLOCK));
        flowDepth += flow ? 1 : 0;
        map.entries().forEach((key, value) -> {
            key(key, map.keyStyle(key).orElse(null));
            node(value, Optional.empty());
        });
        flowDepth -= flow ? 1 : 0;
        emitter.emit(new MappingEndEvent());
    }

    private void scalar(TemplateScalar scalar, Optional<String> tag) {
        ScalarStyle style = styleOf(scalar);
        if (style == ScalarStyle.LITERAL && flowDepth == 0 && ScalarPlaceholders.canBeLiteral(scalar.text())) {
            placeholder(placeholders.literal(tag, scalar.text()));
        } else if (style == ScalarStyle.PLAIN && tag.isPresent() && scalar.kind() == TemplateScalar.Kind.STRING
                && PlainScalars.isSafeTaggedPlain(scalar.text(), flowDepth > 0)) {
            placeholder(placeholders.taggedPlain(tag.get(), scalar.text()));
        } else {
            emitter.emit(new ScalarEvent(Optional.empty(), tag, tag.isEmpty() ? UNTAGGED : TAGGED, scalar.text(),
                    style));
        }
    }

    private void key(String key, TemplateScalar.Style style) {
        // keys never become literal blocks: a block scalar cannot be a simple key
        TemplateScalar.Style keyStyle = style == TemplateScalar.Style.LITERAL || style == TemplateScalar.Style.FOLDED
                ? TemplateScalar.Style.DOUBLE_QUOTED : style;
        TemplateScalar scalar = new TemplateScalar(key, TemplateScalar.Kind.STRING, keyStyle);
        ScalarStyle emitted = key.contains("\n") ? ScalarStyle.DOUBLE_QUOTED : styleOf(scalar);
        emitter.emit(new ScalarEvent(Optional.empty(), Optional.empty(), UNTAGGED, key, emitted));
    }

    private void placeholder(String placeholder) {
        emitter.emit(new ScalarEvent(Optional.empty(), Optional.empty(), UNTAGGED, placeholder, ScalarStyle.PLAIN));
    }

    private static ScalarStyle styleOf(TemplateScalar scalar) {
        if (scalar.kind() != TemplateScalar.Kind.STRING) {
            return ScalarStyle.PLAIN;
        }
        TemplateScalar.Style style = scalar.style().orElse(null);
        if (style == null) {
            // made in code: the plainest form that reads back as this string
            if (scalar.text().contains("\n")) {
                return ScalarStyle.LITERAL;
            }
            return PlainScalars.needsQuotes(scalar.text()) ? ScalarStyle.SINGLE_QUOTED : ScalarStyle.PLAIN;
        }
        // read from YAML: the style it was written in reads back the same way
        return switch (style) {
            case SINGLE_QUOTED -> ScalarStyle.SINGLE_QUOTED;
            case DOUBLE_QUOTED -> ScalarStyle.DOUBLE_QUOTED;
            case LITERAL -> ScalarStyle.LITERAL;
            case FOLDED -> ScalarStyle.FOLDED;
            case PLAIN -> ScalarStyle.PLAIN;
        };
    }
}
