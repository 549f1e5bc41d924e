package dev.samstage.core.packaging;

import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import java.util.ArrayList;
import java.util.List;

/** Finds the values a {@link PackageableProperty} path names in a resource's properties. */
final class PropertySlots {

    /** One value found: the mapping holding it, its key, and its full path for messages. */
    record Slot(TemplateMap container, String key, TemplateNode value, String path) {
        void replace(TemplateNode replacement) {
            container.put(key, replacement);
        }
    }

    private PropertySlots() {
    }

    static List<Slot> find(TemplateMap properties, List<String> path) {
        List<Slot> slots = new ArrayList<>();
        collect(properties, path, 0, "", slots);
        return slots;
    }

    private static void collect(TemplateMap map, List<String> path, int depth, String prefix, List<Slot> out) {
        String step = path.get(depth);
        boolean last = depth == path.size() - 1;
        if (step.equals("*")) {
            map.entries().forEach((key, value) -> {
                if (value instanceof TemplateMap child) {
                    collect(child, path, depth + 1, prefix + key + ".", out);
                }
            });
        } else if (last) {
            map.get(step).ifPresent(value -> out.add(new Slot(map, step, value, prefix + step)));
        } else {
            map.getMap(step).ifPresent(child -> collect(child, path, depth + 1, prefix + step + ".", out));
        }
    }
}
