package dev.samstage.core.pipeline;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * Writes a template (ordered maps, lists, strings, numbers, booleans) as block-style YAML.
 * Multi-line strings such as build specs come out as literal blocks so they stay readable;
 * shared sub-maps are written out in full rather than as YAML aliases, which CloudFormation
 * does not accept.
 */
final class CfnYaml {

    private static final DumpSettings SETTINGS = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(0)
            .setWidth(120)
            .setDereferenceAliases(true)
            .build();

    private CfnYaml() {
    }

    static String write(Map<String, Object> template) {
        return new Dump(SETTINGS, new Representer()).dumpToString(template);
    }

    private static final class Representer extends StandardRepresenter {
        Representer() {
            super(SETTINGS);
            representers.put(String.class, data -> {
                String s = (String) data;
                ScalarStyle style = s.contains("\n") ? ScalarStyle.LITERAL : ScalarStyle.PLAIN;
                return representScalar(Tag.STR, s, style);
            });
        }
    }
}
