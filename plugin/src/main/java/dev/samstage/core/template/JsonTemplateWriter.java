package dev.samstage.core.template;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Writes the node tree as pretty-printed JSON in key order, numbers with their exact text and
 * intrinsics in long form ({@code {"Fn::GetAtt": ["A", "B"]}}).
 */
final class JsonTemplateWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator out;

    private JsonTemplateWriter(JsonGenerator out) {
        this.out = out;
    }

    static String write(TemplateMap root) {
        StringWriter text = new StringWriter();
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter);
        printer.indentArraysWith(indenter);
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            generator.setPrettyPrinter(printer);
            new JsonTemplateWriter(generator).node(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text + "\n";
    }

    private void node(TemplateNode node) throws IOException {
        if (node instanceof TemplateMap map) {
            out.writeStartObject();
            for (var entry : map.entries().entrySet()) {
                out.writeFieldName(entry.getKey());
                node(entry.getValue());
            }
            out.writeEndObject();
        } else if (node instanceof TemplateList list) {
            out.writeStartArray();
            for (TemplateNode item : list.items()) {
                node(item);
            }
            out.writeEndArray();
        } else if (node instanceof TemplateIntrinsic intrinsic) {
            out.writeStartObject();
            out.writeFieldName(intrinsic.function());
            node(longFormArgument(intrinsic));
            out.writeEndObject();
        } else {
            scalar((TemplateScalar) node);
        }
    }

    /** {@code !GetAtt A.B.C} is {@code ["A", "B.C"]} in long form; every other argument is unchanged. */
    private static TemplateNode longFormArgument(TemplateIntrinsic intrinsic) {
        if (intrinsic.function().equals("Fn::GetAtt") && intrinsic.argument() instanceof TemplateScalar scalar
                && scalar.text().indexOf('.') > 0) {
            int dot = scalar.text().indexOf('.');
            return TemplateList.of(TemplateScalar.string(scalar.text().substring(0, dot)),
                    TemplateScalar.string(scalar.text().substring(dot + 1)));
        }
        return intrinsic.argument();
    }

    private void scalar(TemplateScalar scalar) throws IOException {
        switch (scalar.kind()) {
            case NULL -> out.writeNull();
            case BOOLEAN -> out.writeBoolean(scalar.booleanValue());
            case NUMBER -> number(scalar.text());
            case STRING -> out.writeString(scalar.text());
        }
    }

    private void number(String text) throws IOException {
        if (PlainScalars.isJsonNumber(text)) {
            out.writeNumber(text);
            return;
        }
        // YAML-only spellings (0x1F, 1_000, +5, .5) become the same number in JSON spelling
        try {
            out.writeNumber(new BigDecimal(text.replace("_", "").replaceFirst("^\\+", "")).toString());
        } catch (NumberFormatException e) {
            out.writeString(text); // hex, octal, .inf: JSON has no spelling; keep the text
        }
    }
}
