package dev.samstage.core.local;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateList;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateResource;
import dev.samstage.core.validate.TemplateValidation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the local stage serves from a SAM template: every
 * {@code AWS::Serverless::Function} (with {@code Globals.Function} applied) and the routes
 * of its {@code Api} and {@code HttpApi} events, plus the stage variables and binary media
 * types of the APIs ({@code AWS::Serverless::Api}/{@code HttpApi} resources and
 * {@code Globals.Api}/{@code Globals.HttpApi}).
 */
final class TemplateApplication {

    static final String IMPLICIT_REST_API = "ServerlessRestApi";
    static final String IMPLICIT_HTTP_API = "ServerlessHttpApi";

    private final Path file;
    private final Template template;
    private final TemplateValues values;
    private final StageListener listener;

    private TemplateApplication(Path file, Template template, TemplateValues values, StageListener listener) {
        this.file = file;
        this.template = template;
        this.values = values;
        this.listener = listener;
    }

    static LocalApplication read(Path file, Map<String, String> overrides, String region, StageListener listener) {
        Template template = Template.read(file);
        // The checks every stage makes; what is left here is only what has no local value.
        TemplateValidation.check(file, template, listener);
        return new TemplateApplication(file, template, TemplateValues.of(template, overrides, region), listener).application();
    }

    private LocalApplication application() {
        TemplateMap globals = template.globals("Function").orElse(TemplateMap.empty());
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        Map<String, String> functionNames = new LinkedHashMap<>();
        List<LocalRoute> routes = new ArrayList<>();
        Map<String, Map<String, String>> stageVariables = new LinkedHashMap<>();
        Map<String, List<String>> binaryMediaTypes = new LinkedHashMap<>();
        apiSettings(IMPLICIT_REST_API, TemplateMap.empty(), template.globals("Api").orElse(TemplateMap.empty()),
            "Variables", stageVariables, binaryMediaTypes);
        apiSettings(IMPLICIT_HTTP_API, TemplateMap.empty(), template.globals("HttpApi").orElse(TemplateMap.empty()),
            "StageVariables", stageVariables, binaryMediaTypes);
        for (TemplateResource resource : template.resources()) {
            String type = resource.type().orElse("");
            switch (type) {
                case "AWS::Serverless::Function" -> {
                    List<LocalRoute> served = routes(resource);
                    functions.put(resource.logicalId(), function(resource, globals, !served.isEmpty()));
                    routes.addAll(served);
                    resource.properties().get("FunctionName").flatMap(values::text)
                        .ifPresent(name -> functionNames.put(resource.logicalId(), name));
                }
                case "AWS::Serverless::Api" -> apiSettings(resource.logicalId(), resource.properties(),
                    template.globals("Api").orElse(TemplateMap.empty()), "Variables", stageVariables, binaryMediaTypes);
                case "AWS::Serverless::HttpApi" -> apiSettings(resource.logicalId(), resource.properties(),
                    template.globals("HttpApi").orElse(TemplateMap.empty()), "StageVariables", stageVariables, binaryMediaTypes);
                default -> { }
            }
        }
        return new LocalApplication(functions, routes, stageVariables, binaryMediaTypes, functionNames);
    }

    /** @param served whether a route invokes the function: only then is a variable it cannot see worth a warning */
    private LocalFunction function(TemplateResource resource, TemplateMap globals, boolean served) {
        String id = resource.logicalId();
        TemplateMap properties = resource.properties();
        Map<String, String> environment = new LinkedHashMap<>();
        for (TemplateMap source : List.of(globals, properties)) {
            source.getMap("Environment").flatMap(env -> env.getMap("Variables")).ifPresent(variables ->
                environment.putAll(values.textMap(variables, name -> {
                    if (served) {
                        listener.on(StageEvent.warn(file + ": function " + id + " environment variable " + name
                            + " has no local value (an attribute of a deployed resource?); handlers will not see it;"
                            + " give it a parameter and pass its value in the stage's <parameterOverrides>"));
                    }
                })));
        }
        return new LocalFunction(id,
            setting(properties, globals, "Handler").orElse(null),
            setting(properties, globals, "CodeUri").orElse(null),
            setting(properties, globals, "Runtime").orElse(null),
            number(id, "Timeout", setting(properties, globals, "Timeout"), LocalFunction.DEFAULT_TIMEOUT_SECONDS),
            number(id, "MemorySize", setting(properties, globals, "MemorySize"), LocalFunction.DEFAULT_MEMORY_MB),
            environment);
    }

    private List<LocalRoute> routes(TemplateResource function) {
        List<LocalRoute> routes = new ArrayList<>();
        Optional<TemplateMap> events = function.properties().getMap("Events");
        if (events.isEmpty()) {
            return routes;
        }
        events.get().entries().forEach((eventId, node) -> {
            if (!(node instanceof TemplateMap event)) {
                return;
            }
            String type = event.getString("Type").orElse("");
            TemplateMap properties = event.getMap("Properties").orElse(TemplateMap.empty());
            if (type.equals(ApiKind.REST.eventType())) {
                routes.add(new LocalRoute(ApiKind.REST,
                    apiId(properties.get("RestApiId"), IMPLICIT_REST_API),
                    require(function, eventId, properties, "Method"),
                    require(function, eventId, properties, "Path"),
                    function.logicalId(), eventId, PayloadFormat.V1));
            } else if (type.equals(ApiKind.HTTP.eventType())) {
                Optional<String> path = properties.get("Path").flatMap(values::text);
                Optional<String> method = properties.get("Method").flatMap(values::text);
                String version = properties.get("PayloadFormatVersion").flatMap(values::text).orElse("2.0");
                routes.add(new LocalRoute(ApiKind.HTTP,
                    apiId(properties.get("ApiId"), IMPLICIT_HTTP_API),
                    method.orElse("ANY"),
                    path.orElse(LocalRoute.DEFAULT_ROUTE),
                    function.logicalId(), eventId, version.equals("1.0") ? PayloadFormat.V1 : PayloadFormat.V2));
            }
        });
        return routes;
    }

    private void apiSettings(String apiId, TemplateMap properties, TemplateMap globals, String variablesKey,
                             Map<String, Map<String, String>> stageVariables, Map<String, List<String>> binaryMediaTypes) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (TemplateMap source : List.of(globals, properties)) {
            source.getMap(variablesKey).ifPresent(map -> variables.putAll(values.textMap(map, name -> { })));
        }
        stageVariables.put(apiId, variables);
        List<String> types = new ArrayList<>();
        for (TemplateMap source : List.of(globals, properties)) {
            source.getList("BinaryMediaTypes").map(TemplateList::items).ifPresent(items ->
                items.forEach(item -> values.text(item).ifPresent(types::add)));
        }
        binaryMediaTypes.put(apiId, types);
    }

    private String apiId(Optional<TemplateNode> reference, String implicit) {
        return reference.flatMap(values::text).orElse(implicit);
    }

    private Optional<String> setting(TemplateMap properties, TemplateMap globals, String name) {
        Optional<String> own = properties.get(name).flatMap(values::text);
        return own.isPresent() ? own : globals.get(name).flatMap(values::text);
    }

    private String require(TemplateResource function, String eventId, TemplateMap properties, String name) {
        return properties.get(name).flatMap(values::text).orElseThrow(() -> new LocalStageException(file
            + ": Resources." + function.logicalId() + ".Properties.Events." + eventId + ".Properties." + name
            + " has no local value; write a literal " + name + " or give its parameter a value in the stage's <parameterOverrides>"));
    }

    private int number(String function, String name, Optional<String> text, int fallback) {
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.get().trim());
        } catch (NumberFormatException e) {
            throw new LocalStageException(file + ": function " + function + " has " + name + " '" + text.get()
                + "', which is not a whole number; write seconds/megabytes as a number");
        }
    }
}
