package dev.samstage.core.local;

import java.util.List;
import java.util.Map;

/**
 * What the local stage serves, read from a SAM template: its functions by logical id, the
 * routes of their {@code Api}/{@code HttpApi} events, and per API resource the stage
 * variables and binary media types.
 */
record LocalApplication(Map<String, LocalFunction> functions, List<LocalRoute> routes,
                        Map<String, Map<String, String>> stageVariables,
                        Map<String, List<String>> binaryMediaTypes) {

    LocalApplication {
        // template order, for messages that list them
        functions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(functions));
        routes = List.copyOf(routes);
        stageVariables = Map.copyOf(stageVariables);
        binaryMediaTypes = Map.copyOf(binaryMediaTypes);
    }

    Map<String, String> stageVariablesOf(String apiId) {
        return stageVariables.getOrDefault(apiId, Map.of());
    }

    List<String> binaryMediaTypesOf(String apiId) {
        return binaryMediaTypes.getOrDefault(apiId, List.of());
    }
}
