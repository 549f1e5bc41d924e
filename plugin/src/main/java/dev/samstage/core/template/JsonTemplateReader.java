package dev.samstage.core.template;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads JSON token by token so that key order and the exact text of numbers ({@code 1.10},
 * {@code 012} is not JSON) survive; long-form intrinsics stay mappings.
 */
final class JsonTemplateReader {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private final JsonParser parser;
    private final String source;
    private int depth;

    private JsonTemplateReader(JsonParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    static TemplateMap read(String text, String source) {
        JsonParser open = null;
        try (JsonParser parser = FACTORY.createParser(text)) {
            open = parser;
            return new JsonTemplateReader(parser, source).document();
        } catch (JsonProcessingException e) {
            // a Jackson limit (a number too long) carries no location: the token being read has it
            JsonLocation location = e.getLocation() != null || open == null ? e.getLocation() : open.currentTokenLocation();
            String problem = "invalid JSON: " + JsonProblems.describe(e.getOriginalMessage()) + "; fix the JSON syntax";
            throw location == null
                    ? new TemplateException(source + ": " + problem, e)
                    : new TemplateException(TemplateException.at(source, location.getLineNr(),
                            location.getColumnNr(), problem).getMessage(), e);
        } catch (IOException e) {
            throw new TemplateException(source + ": cannot read JSON: " + e.getMessage(), e);
        }
    }

    private TemplateMap document() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new TemplateException(source + ": the template is empty; a template is an object with a "
                    + "Resources section");
        }
        if (first != JsonToken.START_OBJECT) {
            // the kind of value only: the text may be anything, a credentials file included
            throw error("the template is not an object but " + JsonProblems.kindOf(first)
                    + "; a template is an object with a Resources section");
        }
        TemplateMap root = object();
        if (parser.nextToken() != null) {
            throw error("more content after the template's closing brace; a template is one JSON object");
        }
        return root;
    }

    private TemplateNode value(JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> nested(this::object);
            case START_ARRAY -> nested(this::array);
            case VALUE_STRING -> TemplateScalar.string(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    new TemplateScalar(parser.getText(), TemplateScalar.Kind.NUMBER, null);
            case VALUE_TRUE, VALUE_FALSE -> TemplateScalar.bool(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> TemplateScalar.nullValue();
            default -> throw error("unexpected " + token);
        };
    }

    private interface Collection {
        TemplateNode read() throws IOException;
    }

    /** Reads an object or array one level deeper, refusing to go past the nesting limit (the reader recurses). */
    private TemplateNode nested(Collection collection) throws IOException {
        if (++depth >= DocumentLimits.MAX_NESTING_DEPTH) {
            throw error(DocumentLimits.tooDeep("flatten the template"));
        }
        TemplateNode node = collection.read();
        depth--;
        return node;
    }

    private TemplateMap object() throws IOException {
        TemplateMap map = new TemplateMap();
        Map<String, Integer> keyLines = new HashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = parser.currentTokenLocation().getLineNr();
            Integer firstLine = keyLines.putIfAbsent(key, line);
            if (firstLine != null) {
                throw error("duplicate key '" + key + "' (first at line " + firstLine
                        + "); CloudFormation rejects duplicate keys, remove one");
            }
            map.put(key, value(parser.nextToken()));
        }
        if (token != JsonToken.END_OBJECT) {
            throw error("unexpected " + token);
        }
        return map;
    }

    private TemplateList array() throws IOException {
        TemplateList list = new TemplateList();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw error("the array is not closed");
            }
            list.add(value(token));
        }
        return list;
    }

    private TemplateException error(String problem) {
        JsonLocation location = parser.currentTokenLocation();
        return TemplateException.at(source, location.getLineNr(), location.getColumnNr(), problem);
    }
}
