package dev.samstage.core.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML short forms of CloudFormation's intrinsic functions ({@code !Sub}) and the long
 * names they stand for ({@code Fn::Sub}), including the {@code AWS::LanguageExtensions}
 * functions. CloudFormation rejects any other local tag, so reading one is an error here too.
 */
final class ShortFormTags {

    private static final Map<String, String> FUNCTION_BY_TAG = new LinkedHashMap<>();

    static {
        FUNCTION_BY_TAG.put("!Ref", "Ref");
        FUNCTION_BY_TAG.put("!Condition", "Condition");
        for (String name : new String[] {"Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join",
                "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "ToJsonString",
                "Length"}) {
            FUNCTION_BY_TAG.put("!" + name, "Fn::" + name);
        }
    }

    private ShortFormTags() {
    }

    static Optional<String> functionOf(String tag) {
        return Optional.ofNullable(FUNCTION_BY_TAG.get(tag));
    }

    static Optional<String> tagOf(String function) {
        return FUNCTION_BY_TAG.entrySet().stream()
                .filter(entry -> entry.getValue().equals(function))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The known tags, for error messages. */
    static String known() {
        return String.join(", ", FUNCTION_BY_TAG.keySet());
    }
}
