package dev.samstage.core.template;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A sequence of nodes; whether it was written in flow style ({@code [a, b]}) is kept for writing it back. */
public final class TemplateList implements TemplateNode {

    private final List<TemplateNode> items = new ArrayList<>();
    private boolean flow;

    public static TemplateList of(TemplateNode... items) {
        TemplateList list = new TemplateList();
        for (TemplateNode item : items) {
            list.add(item);
        }
        return list;
    }

    /** The items, a live view: setting, adding and removing through it changes this sequence (no nulls). */
    public List<TemplateNode> items() {
        return new AbstractList<>() {
            @Override
            public TemplateNode get(int index) {
                return items.get(index);
            }

            @Override
            public int size() {
                return items.size();
            }

            @Override
            public TemplateNode set(int index, TemplateNode element) {
                return items.set(index, Objects.requireNonNull(element, "item"));
            }

            @Override
            public void add(int index, TemplateNode element) {
                items.add(index, Objects.requireNonNull(element, "item"));
            }

            @Override
            public TemplateNode remove(int index) {
                return items.remove(index);
            }
        };
    }

    public void add(TemplateNode item) {
        items.add(Objects.requireNonNull(item, "item"));
    }

    public TemplateNode get(int index) {
        return items.get(index);
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Whether this sequence was written in flow style ({@code [a, b]}) and is written back so. */
    public boolean isFlow() {
        return flow;
    }

    void flow(boolean flow) {
        this.flow = flow;
    }

    @Override
    public TemplateList copy() {
        TemplateList copy = new TemplateList();
        items.forEach(item -> copy.items.add(item.copy()));
        copy.flow = flow;
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TemplateList that && items.equals(that.items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return items.toString();
    }
}
