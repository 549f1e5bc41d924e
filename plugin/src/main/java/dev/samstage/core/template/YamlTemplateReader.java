package dev.samstage.core.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Builds the node tree from YAML parser events rather than composed nodes, because only the
 * events say whether a tag was written or merely resolved, and how each scalar was quoted.
 */
final class YamlTemplateReader {

    private static final String YAML_TAG = "tag:yaml.org,2002:";

    private final Parser parser;
    private final String source;
    private final Map<String, TemplateNode> anchors = new HashMap<>();
    private int depth;
    private int collectionAliases;
    private long aliasedNodes;

    private YamlTemplateReader(String text, String source) {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setUseMarks(true)
                .setCodePointLimit((int) DocumentLimits.MAX_TEMPLATE_BYTES)
                .setMaxAliasesForCollections(DocumentLimits.MAX_COLLECTION_ALIASES).setAllowRecursiveKeys(false).build();
        this.parser = new ParserImpl(settings, new StreamReader(settings, text));
        this.source = source;
    }

    static TemplateMap read(String text, String source) {
        try {
            return new YamlTemplateReader(text, source).document();
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = (e.getContext() == null ? "" : e.getContext() + " ")
                    + (e.getProblem() == null ? "" : e.getProblem());
            String message = "invalid YAML: " + problem.strip() + "; fix the YAML syntax";
            if (mark == null) {
                throw new TemplateException(source + ": " + message, e);
            }
            throw new TemplateException(source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": "
                    + message, e);
        } catch (YamlEngineException e) {
            throw new TemplateException(source + ": invalid YAML: " + e.getMessage() + "; fix the YAML syntax", e);
        }
    }

    private TemplateMap document() {
        expect(Event.ID.StreamStart);
        if (parser.checkEvent(Event.ID.StreamEnd)) {
            throw new TemplateException(source + ": the template is empty; a template is a mapping with a "
                    + "Resources section");
        }
        expect(Event.ID.DocumentStart);
        Event first = parser.peekEvent();
        TemplateNode root = node();
        if (!(root instanceof TemplateMap map)) {
            throw error(first, "the template is not a mapping but " + describe(root)
                    + "; a template is a mapping with a Resources section");
        }
        expect(Event.ID.DocumentEnd);
        if (parser.checkEvent(Event.ID.DocumentStart)) {
            throw error(parser.peekEvent(), "a second YAML document starts here; a template is one document");
        }
        expect(Event.ID.StreamEnd);
        return map;
    }

    private TemplateNode node() {
        Event event = parser.next();
        if (event instanceof CollectionStartEvent && ++depth > DocumentLimits.MAX_NESTING_DEPTH) {
            // checked before going deeper: the reader recurses once per level
            throw error(event, DocumentLimits.tooDeep("flatten the template"));
        }
        TemplateNode node = switch (event.getEventId()) {
            case Alias -> alias((AliasEvent) event);
            case Scalar -> scalar((ScalarEvent) event);
            case SequenceStart -> tagged(event, sequence((CollectionStartEvent) event));
            case MappingStart -> tagged(event, mapping((CollectionStartEvent) event));
            default -> throw error(event, "unexpected " + event.getEventId());
        };
        if (event instanceof CollectionStartEvent) {
            depth--;
        }
        if (event instanceof NodeEvent nodeEvent && !(event instanceof AliasEvent)) {
            nodeEvent.getAnchor().ifPresent(anchor -> anchors.put(anchor.getValue(), node));
        }
        return node;
    }

    private TemplateNode alias(AliasEvent event) {
        TemplateNode target = anchors.get(event.getAlias().getValue());
        if (target == null) {
            throw error(event, "alias *" + event.getAlias().getValue() + " points to no anchor defined before it");
        }
        if (!(target instanceof TemplateScalar)) {
            if (++collectionAliases > DocumentLimits.MAX_COLLECTION_ALIASES) {
                throw error(event, "more than " + DocumentLimits.MAX_COLLECTION_ALIASES + " aliases to mappings and "
                        + "sequences (the limit samstage reads YAML with); write the repeated parts out instead");
            }
            aliasedNodes += size(target, DocumentLimits.MAX_ALIASED_NODES + 1L);
            if (aliasedNodes > DocumentLimits.MAX_ALIASED_NODES) {
                throw error(event, "aliases that copy more than " + DocumentLimits.MAX_ALIASED_NODES
                        + " values (the limit samstage reads YAML with); write the repeated parts out instead");
            }
        }
        // a copy, so that changing one place in the model does not change the other
        return target.copy();
    }

    /** The number of nodes in {@code node}, counted up to {@code limit}. */
    private static long size(TemplateNode node, long limit) {
        long count = 1;
        if (node instanceof TemplateMap map) {
            for (TemplateNode value : map.entries().values()) {
                count += size(value, limit - count);
                if (count > limit) {
                    break;
                }
            }
        } else if (node instanceof TemplateList list) {
            for (TemplateNode item : list.items()) {
                count += size(item, limit - count);
                if (count > limit) {
                    break;
                }
            }
        } else if (node instanceof TemplateIntrinsic intrinsic) {
            count += size(intrinsic.argument(), limit - count);
        }
        return count;
    }

    private TemplateNode scalar(ScalarEvent event) {
        TemplateScalar.Style style = styleOf(event.getScalarStyle());
        Optional<String> tag = event.getTag().filter(t -> !event.getImplicit().canOmitTagInPlainScalar()
                && !event.getImplicit().canOmitTagInNonPlainScalar());
        if (tag.isEmpty()) {
            TemplateScalar.Kind kind = style == TemplateScalar.Style.PLAIN
                    ? PlainScalars.kindOf(event.getValue())
                    : TemplateScalar.Kind.STRING;
            return new TemplateScalar(event.getValue(), kind, style);
        }
        String name = tag.get();
        if (name.equals("!") || name.equals(YAML_TAG + "str")) {
            // an explicit string: written back quoted when plain text would read as something else
            return new TemplateScalar(event.getValue(), TemplateScalar.Kind.STRING,
                    style == TemplateScalar.Style.PLAIN ? null : style);
        }
        Optional<TemplateScalar.Kind> standard = standardKind(name);
        if (standard.isPresent()) {
            return new TemplateScalar(event.getValue(), standard.get(), TemplateScalar.Style.PLAIN);
        }
        intrinsicFunction(event, name);
        // a tagged scalar is not resolved: !Ref 123 names "123" and a bare !GetAZs means ''
        return TemplateIntrinsic.of(name, new TemplateScalar(event.getValue(), TemplateScalar.Kind.STRING, style));
    }

    private TemplateList sequence(CollectionStartEvent start) {
        TemplateList list = new TemplateList();
        list.flow(start.isFlow());
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            list.add(node());
        }
        parser.next();
        return list;
    }

    private TemplateMap mapping(CollectionStartEvent start) {
        TemplateMap map = new TemplateMap();
        map.flow(start.isFlow());
        Map<String, Integer> keyLines = new HashMap<>();
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event keyEvent = parser.next();
            if (!(keyEvent instanceof ScalarEvent key)) {
                throw error(keyEvent, "a mapping key must be a plain string, not a " + keyEvent.getEventId()
                        + "; write the key as text");
            }
            if (key.getTag().isPresent() && !key.getImplicit().canOmitTagInPlainScalar()
                    && !key.getImplicit().canOmitTagInNonPlainScalar()
                    && !key.getTag().get().startsWith(YAML_TAG)) {
                throw error(key, "unknown tag " + key.getTag().get() + " on mapping key '" + key.getValue()
                        + "'; a key cannot be an intrinsic function");
            }
            int line = line(key);
            Integer firstLine = keyLines.putIfAbsent(key.getValue(), line);
            if (firstLine != null) {
                throw error(key, "duplicate key '" + key.getValue() + "' (first at line " + firstLine
                        + "); CloudFormation rejects duplicate keys, remove one");
            }
            TemplateNode value = node();
            map.put(key.getValue(), value);
            map.keyStyle(key.getValue(), styleOf(key.getScalarStyle()));
        }
        parser.next();
        return map;
    }

    /** Wraps a collection in the intrinsic its tag names ({@code !If [...]}, {@code !Transform {...}}). */
    private TemplateNode tagged(Event event, TemplateNode collection) {
        CollectionStartEvent start = (CollectionStartEvent) event;
        Optional<String> tag = start.getTag().filter(t -> !start.isImplicit());
        if (tag.isEmpty() || tag.get().equals("!") || tag.get().equals(YAML_TAG + "map")
                || tag.get().equals(YAML_TAG + "seq")) {
            return collection;
        }
        intrinsicFunction(event, tag.get());
        return TemplateIntrinsic.of(tag.get(), collection);
    }

    private String intrinsicFunction(Event event, String tag) {
        return ShortFormTags.functionOf(tag).orElseThrow(() -> error(event, "unknown tag " + tag
                + "; CloudFormation knows " + ShortFormTags.known()));
    }

    private static Optional<TemplateScalar.Kind> standardKind(String tag) {
        return switch (tag) {
            case YAML_TAG + "int", YAML_TAG + "float" -> Optional.of(TemplateScalar.Kind.NUMBER);
            case YAML_TAG + "bool" -> Optional.of(TemplateScalar.Kind.BOOLEAN);
            case YAML_TAG + "null" -> Optional.of(TemplateScalar.Kind.NULL);
            default -> Optional.empty();
        };
    }

    private static TemplateScalar.Style styleOf(ScalarStyle style) {
        return switch (style) {
            case SINGLE_QUOTED -> TemplateScalar.Style.SINGLE_QUOTED;
            case DOUBLE_QUOTED, JSON_SCALAR_STYLE -> TemplateScalar.Style.DOUBLE_QUOTED;
            case LITERAL -> TemplateScalar.Style.LITERAL;
            case FOLDED -> TemplateScalar.Style.FOLDED;
            case PLAIN -> TemplateScalar.Style.PLAIN;
        };
    }

    private void expect(Event.ID id) {
        Event event = parser.next();
        if (event.getEventId() != id) {
            throw error(event, "expected " + id + " but found " + event.getEventId());
        }
    }

    private static int line(Event event) {
        return event.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    private TemplateException error(Event event, String problem) {
        int column = event.getStartMark().map(mark -> mark.getColumn() + 1).orElse(0);
        return TemplateException.at(source, line(event), column, problem);
    }

    private static String describe(TemplateNode node) {
        if (node instanceof TemplateScalar scalar) {
            // the kind only: the text may be anything, a credentials file given as the template included
            return "a " + scalar.kind().name().toLowerCase(java.util.Locale.ROOT) + " value";
        }
        if (node instanceof TemplateIntrinsic intrinsic) {
            return "the intrinsic " + intrinsic.tag();
        }
        return node instanceof TemplateList ? "a sequence" : "a mapping";
    }
}
