package dev.samstage.core.template;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A mapping with string keys in document order. Replacing a value keeps the key where it
 * was; new keys go to the end. How each key was quoted, and whether the mapping was written
 * in flow style ({@code {a: 1}}), is kept for writing it back.
 */
public final class TemplateMap implements TemplateNode {

    private final LinkedHashMap<String, TemplateNode> entries = new LinkedHashMap<>();
    private final Map<String, TemplateScalar.Style> keyStyles = new HashMap<>();
    private boolean flow;

    /** A new mapping without entries. */
    public static TemplateMap empty() {
        return new TemplateMap();
    }

    public Optional<TemplateNode> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The text of a scalar value that is not null; empty for absent keys, mappings, sequences and intrinsics. */
    public Optional<String> getString(String key) {
        return entries.get(key) instanceof TemplateScalar scalar && scalar.kind() != TemplateScalar.Kind.NULL
                ? Optional.of(scalar.text())
                : Optional.empty();
    }

    /** The value if it is a mapping. */
    public Optional<TemplateMap> getMap(String key) {
        return entries.get(key) instanceof TemplateMap map ? Optional.of(map) : Optional.empty();
    }

    /** The value if it is a sequence. */
    public Optional<TemplateList> getList(String key) {
        return entries.get(key) instanceof TemplateList list ? Optional.of(list) : Optional.empty();
    }

    /** Sets a value; a key that is present keeps its position, a new key goes last. */
    public void put(String key, TemplateNode value) {
        entries.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    /** {@link #put} that returns this mapping, for building templates in code. */
    public TemplateMap with(String key, TemplateNode value) {
        put(key, value);
        return this;
    }

    /** Removes a key; returns the value it had, or null when it was absent. */
    public TemplateNode remove(String key) {
        keyStyles.remove(key);
        return entries.remove(key);
    }

    /** The keys in document order (a read-only view). */
    public Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** The entries in document order (a read-only view). */
    public Map<String, TemplateNode> entries() {
        return Collections.unmodifiableMap(entries);
    }

    public boolean containsKey(String key) {
        return entries.containsKey(key);
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Whether this mapping was written in flow style ({@code {a: 1}}) and is written back so. */
    public boolean isFlow() {
        return flow;
    }

    void flow(boolean flow) {
        this.flow = flow;
    }

    Optional<TemplateScalar.Style> keyStyle(String key) {
        return Optional.ofNullable(keyStyles.get(key));
    }

    void keyStyle(String key, TemplateScalar.Style style) {
        keyStyles.put(key, style);
    }

    @Override
    public TemplateMap copy() {
        TemplateMap copy = new TemplateMap();
        entries.forEach((key, value) -> copy.entries.put(key, value.copy()));
        copy.keyStyles.putAll(keyStyles);
        copy.flow = flow;
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        // order matters to a reader of the template but not to its meaning
        return other instanceof TemplateMap that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
