package dev.samstage.core.traffic;

import dev.samstage.core.template.Intrinsics;
import dev.samstage.core.template.TemplateList;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;

/**
 * SAM's rules for merging a {@code Globals} value into a resource's own value, so that the
 * writer sees the preference SAM would see: mappings merge key by key (the resource wins),
 * lists concatenate (globals first), anything else (scalars, intrinsic functions) is
 * replaced by the resource's value.
 */
final class SamGlobalsMerge {

    private SamGlobalsMerge() {
    }

    static TemplateNode merge(TemplateNode global, TemplateNode local) {
        if (global == null) {
            return local == null ? null : local.copy();
        }
        if (local == null) {
            return global.copy();
        }
        boolean globalMap = global instanceof TemplateMap && !Intrinsics.isIntrinsic(global);
        boolean localMap = local instanceof TemplateMap && !Intrinsics.isIntrinsic(local);
        if (globalMap && localMap) {
            TemplateMap merged = ((TemplateMap) global).copy();
            ((TemplateMap) local).entries().forEach((key, value) ->
                    merged.put(key, merge(merged.get(key).orElse(null), value)));
            return merged;
        }
        if (global instanceof TemplateList g && local instanceof TemplateList l) {
            TemplateList merged = g.copy();
            l.items().forEach(item -> merged.add(item.copy()));
            return merged;
        }
        return local.copy();
    }
}
