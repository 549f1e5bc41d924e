package dev.samstage.core.packaging;

import dev.samstage.core.template.TemplateIntrinsic;
import dev.samstage.core.template.TemplateList;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds {@code AWS::Include} transforms anywhere in a template: {@code Fn::Transform} in long or
 * short form inside any section, and the template-level {@code Transform} section.
 */
final class IncludeTransforms {

    /** An include's {@code Location}, and the resource (or section) it sits in. */
    record Include(String section, PropertySlots.Slot slot) {
    }

    private IncludeTransforms() {
    }

    static List<Include> find(TemplateMap root) {
        List<Include> found = new ArrayList<>();
        root.entries().forEach((section, node) -> {
            if (section.equals("Transform")) {
                include(node, "Transform", "Transform", found);
                if (node instanceof TemplateList list) {
                    list.items().forEach(item -> include(item, "Transform", "Transform", found));
                }
            } else if (section.equals("Resources") && node instanceof TemplateMap resources) {
                resources.entries().forEach((logicalId, resource) -> {
                    if (logicalId.equals("Fn::Transform")) {
                        include(resource, "Resources", "Fn::Transform", found);
                    } else {
                        walk(resource, logicalId, found);
                    }
                });
            } else {
                walk(node, section, found);
            }
        });
        return found;
    }

    private static void walk(TemplateNode node, String section, List<Include> found) {
        if (node instanceof TemplateIntrinsic intrinsic && intrinsic.function().equals("Fn::Transform")) {
            include(intrinsic.argument(), section, "Fn::Transform", found);
        }
        if (node instanceof TemplateMap map) {
            // Fn::Transform may sit beside other keys of a mapping, so it is not only a one-key intrinsic
            map.get("Fn::Transform").ifPresent(transform -> include(transform, section, "Fn::Transform", found));
            map.entries().values().forEach(child -> walk(child, section, found));
        } else if (node instanceof TemplateList list) {
            list.items().forEach(child -> walk(child, section, found));
        } else if (node instanceof TemplateIntrinsic intrinsic) {
            walk(intrinsic.argument(), section, found);
        }
    }

    private static void include(TemplateNode transform, String section, String path, List<Include> found) {
        if (!(transform instanceof TemplateMap map)) {
            return;
        }
        Optional<String> name = map.get("Name").filter(TemplateScalar.class::isInstance)
                .map(n -> ((TemplateScalar) n).text());
        if (name.filter("AWS::Include"::equals).isEmpty()) {
            return;
        }
        map.getMap("Parameters").ifPresent(parameters -> parameters.get("Location").ifPresent(location ->
                found.add(new Include(section, new PropertySlots.Slot(parameters, "Location", location,
                        path + ".Parameters.Location")))));
    }
}
