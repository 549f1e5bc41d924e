package dev.samstage.core.local;

import java.util.List;
import java.util.Map;

/**
 * What the local stage serves, read from a SAM template: its functions by logical id, the
 * routes of their {@code Api}/{@code HttpApi} events, per API resource the stage variables and
 * binary media types, and the {@code FunctionName} a function is given (logical id to name), by
 * which Lambda's Invoke API also finds it.
 */
record LocalApplication(Map<String, LocalFunction> functions, List<LocalRoute> routes,
                        Map<String, Map<String, String>> stageVariables,
                        Map<String, List<String>> binaryMediaTypes,
                        Map<String, String> functionNames) {

    LocalApplication {
        // template order, for messages that list them
        functions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(functions));
        routes = List.copyOf(routes);
        stageVariables = Map.copyOf(stageVariables);
        binaryMediaTypes = Map.copyOf(binaryMediaTypes);
        functionNames = Map.copyOf(functionNames);
    }

    /** An application whose functions are known by their logical ids only. */
    LocalApplication(Map<String, LocalFunction> functions, List<LocalRoute> routes,
                     Map<String, Map<String, String>> stageVariables, Map<String, List<String>> binaryMediaTypes) {
        this(functions, routes, stageVariables, binaryMediaTypes, Map.of());
    }

    Map<String, String> stageVariablesOf(String apiId) {
        return stageVariables.getOrDefault(apiId, Map.of());
    }

    List<String> binaryMediaTypesOf(String apiId) {
        return binaryMediaTypes.getOrDefault(apiId, List.of());
    }

    /** The logical id of each function by the {@code FunctionName} the template gives it. */
    Map<String, String> logicalIdsByName() {
        Map<String, String> ids = new java.util.HashMap<>();
        functionNames.forEach((id, name) -> ids.put(name, id));
        return ids;
    }
}
