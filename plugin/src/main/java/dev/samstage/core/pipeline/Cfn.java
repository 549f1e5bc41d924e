package dev.samstage.core.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small builders for CloudFormation template fragments. Maps keep insertion order so the
 * written YAML reads in the order a person expects (Type before Properties, and so on).
 * Intrinsics use their long form ({@code Fn::Sub}), which every YAML reader understands.
 */
final class Cfn {

    private Cfn() {
    }

    /** An ordered map from alternating keys and values; null values are left out. */
    static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                m.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return m;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    static Map<String, Object> resource(String type, Map<String, Object> properties) {
        return map("Type", type, "Properties", properties);
    }

    static Map<String, Object> ref(String name) {
        return map("Ref", name);
    }

    static Map<String, Object> sub(String text) {
        return map("Fn::Sub", text);
    }

    static Map<String, Object> getAtt(String resource, String attribute) {
        return map("Fn::GetAtt", list(resource, attribute));
    }

    static Map<String, Object> importValue(Object exportName) {
        return map("Fn::ImportValue", exportName);
    }

    /** One IAM policy statement. */
    static Map<String, Object> allow(List<?> actions, Object resources) {
        return map("Effect", "Allow", "Action", actions, "Resource", resources);
    }

    static Map<String, Object> policyDocument(Object... statements) {
        return map("Version", "2012-10-17", "Statement", list(statements));
    }

    /** An output exported as {@code ${AWS::StackName}-<name>}, for the stacks deployed after this one. */
    static Map<String, Object> exportedOutput(String name, String description, Object value) {
        return map("Description", description, "Value", value, "Export", map("Name", sub("${AWS::StackName}-" + name)));
    }

    static Map<String, Object> output(String description, Object value) {
        return map("Description", description, "Value", value);
    }

    /** A logical id from free text: letters and digits only, first letter upper case. */
    static String logicalId(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            for (String word : part.split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
        }
        return sb.toString();
    }
}
