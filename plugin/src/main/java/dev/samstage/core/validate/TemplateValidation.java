package dev.samstage.core.validate;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.Intrinsics;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateResource;
import dev.samstage.core.template.TemplateScalar;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of a SAM template that hold for every stage, local and AWS, made before
 * anything is built: what {@code sam deploy} or API Gateway would reject only after the
 * build and upload, or what would leave a route unreachable.
 *
 * <ul>
 *   <li>a function (Zip package type) without {@code Handler}, neither its own nor in
 *       {@code Globals.Function};</li>
 *   <li>{@code Timeout} that is not a whole number of seconds from 1 to 900, {@code MemorySize}
 *       that is not a whole number of MB from 128 to 10240 (Lambda's limits,
 *       https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html);</li>
 *   <li>an event without {@code Type}; an {@code Api} event without {@code Path} or
 *       {@code Method}; a path that does not start with {@code /}; a method that is not an
 *       HTTP method API Gateway knows;</li>
 *   <li>two events on one route of one API (API Gateway treats {@code /orders/{id}} and
 *       {@code /orders/{orderId}} as the same resource).</li>
 * </ul>
 *
 * <p>Values that are intrinsics ({@code !Ref}, {@code !Sub}) are resolved only by
 * CloudFormation, so they are checked for presence, not content.
 */
public final class TemplateValidation {

    static final String FUNCTION = "AWS::Serverless::Function";
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
    private static final String METHOD_LIST = "get, post, put, patch, delete, head, options or any";

    private final Path file;
    private final Template template;
    private final List<TemplateProblem> problems = new ArrayList<>();
    private final Map<String, String> routes = new LinkedHashMap<>();

    private TemplateValidation(Path file, Template template) {
        this.file = file;
        this.template = template;
    }

    /** Every problem of the template, in template order. */
    public static List<TemplateProblem> problems(Path file, Template template) {
        TemplateValidation validation = new TemplateValidation(file, template);
        validation.run();
        return List.copyOf(validation.problems);
    }

    /**
     * The problems the local stage adds: it runs functions in Maven's JVM, so only Java
     * runtimes ({@code Runtime: java*}). Functions without a Runtime are left to AWS's checks.
     */
    public static List<TemplateProblem> localProblems(Path file, Template template) {
        TemplateValidation validation = new TemplateValidation(file, template);
        TemplateMap globals = template.globals("Function").orElse(TemplateMap.empty());
        for (TemplateResource function : template.resourcesOfType(FUNCTION)) {
            TemplateMap properties = function.properties();
            Optional<String> runtime = properties.getString("Runtime").or(() -> globals.getString("Runtime"));
            if (runtime.isPresent() && !runtime.get().startsWith("java")) {
                validation.problem("Resources." + function.logicalId() + ".Properties.Runtime", "is " + runtime.get()
                        + "; the local stage runs Java functions only, in Maven's JVM: deploy this one to an AWS stage"
                        + " (-Denv=dev) to test it");
            }
        }
        return List.copyOf(validation.problems);
    }

    /** Reports every problem as an error event and throws for the first; nothing when there is none. */
    public static void report(List<TemplateProblem> found, StageListener listener) {
        if (found.isEmpty()) {
            return;
        }
        found.stream().skip(1).forEach(p -> listener.on(StageEvent.error(p.line())));
        throw new TemplateValidationException(found);
    }

    /**
     * Reports every problem as an error event and throws for the first.
     *
     * @throws TemplateValidationException when there is any problem
     */
    public static void check(Path file, Template template, StageListener listener) {
        report(problems(file, template), listener);
    }

    private void run() {
        TemplateMap globals = template.globals("Function").orElse(TemplateMap.empty());
        number("Globals.Function", globals, "Timeout", 1, 900, "seconds", "Timeout: 30");
        number("Globals.Function", globals, "MemorySize", 128, 10_240, "MB", "MemorySize: 512");
        for (TemplateResource resource : template.resources()) {
            if (resource.type().filter(FUNCTION::equals).isPresent()) {
                function(resource, globals);
            }
        }
    }

    private void function(TemplateResource function, TemplateMap globals) {
        String at = "Resources." + function.logicalId() + ".Properties";
        TemplateMap properties = function.properties();
        boolean image = "Image".equals(properties.getString("PackageType").or(() -> globals.getString("PackageType")).orElse("Zip"))
                || properties.get("ImageUri").isPresent();
        if (image) {
            // packaging refuses them too (FunctionCodeSource); say so before the build, not after it
            problem(at + (properties.get("ImageUri").isPresent() ? ".ImageUri" : ".PackageType"), "makes this a container"
                    + " image function, which samstage does not package or run yet; package it as a Zip function"
                    + " (CodeUri, Runtime, Handler) or deploy the image without samstage");
            return;
        }
        if (!image && present(properties, "Handler").isEmpty() && present(globals, "Handler").isEmpty()) {
            problem(at + ".Handler", "is missing; add Handler: pkg.Class::method to the function or to Globals.Function");
        }
        number(at, properties, "Timeout", 1, 900, "seconds", "Timeout: 30");
        number(at, properties, "MemorySize", 128, 10_240, "MB", "MemorySize: 512");
        properties.getMap("Events").ifPresent(events -> events.entries().forEach((eventId, node) -> {
            String eventAt = at + ".Events." + eventId;
            if (!(node instanceof TemplateMap event)) {
                problem(eventAt, "is not a mapping; write Type: and Properties: under it");
                return;
            }
            Optional<String> type = event.getString("Type");
            if (type.isEmpty()) {
                problem(eventAt + ".Type", "is missing; set the event source, e.g. Type: Api");
                return;
            }
            TemplateMap eventProperties = event.getMap("Properties").orElse(TemplateMap.empty());
            if (type.get().equals("Api")) {
                apiEvent(function, eventId, eventAt + ".Properties", eventProperties);
            } else if (type.get().equals("HttpApi")) {
                httpApiEvent(function, eventId, eventAt + ".Properties", eventProperties);
            }
        }));
    }

    private void apiEvent(TemplateResource function, String eventId, String at, TemplateMap properties) {
        Optional<TemplateNode> path = present(properties, "Path");
        Optional<TemplateNode> method = present(properties, "Method");
        if (path.isEmpty() || method.isEmpty()) {
            problem(path.isEmpty() && method.isEmpty() ? at : at + (path.isEmpty() ? ".Path" : ".Method"),
                (path.isEmpty() && method.isEmpty() ? "has neither Path nor Method" : "is missing")
                + "; an Api event needs Path: /resource and Method: get");
            return;
        }
        route(function, eventId, at, apiId(properties, "RestApiId", "ServerlessRestApi"), path.get(), method.get());
    }

    private void httpApiEvent(TemplateResource function, String eventId, String at, TemplateMap properties) {
        Optional<TemplateNode> path = present(properties, "Path");
        Optional<TemplateNode> method = present(properties, "Method");
        String api = apiId(properties, "ApiId", "ServerlessHttpApi");
        if (path.isEmpty() && method.isEmpty()) {
            duplicate(function, eventId, api, "$default", "$default");
            return;
        }
        if (path.isEmpty() || method.isEmpty()) {
            problem(at + (path.isEmpty() ? ".Path" : ".Method"), "is missing; an HttpApi event needs both Path and Method,"
                + " or neither for the API's $default route");
            return;
        }
        route(function, eventId, at, api, path.get(), method.get());
    }

    private void route(TemplateResource function, String eventId, String at, String api, TemplateNode path, TemplateNode method) {
        Optional<String> pathText = literal(path);
        Optional<String> methodText = literal(method);
        boolean valid = true;
        if (pathText.isPresent() && !pathText.get().startsWith("/")) {
            problem(at + ".Path", "'" + pathText.get() + "' does not start with '/'; write /" + pathText.get());
            valid = false;
        }
        if (methodText.isPresent() && !METHODS.contains(methodText.get().toUpperCase(Locale.ROOT))) {
            problem(at + ".Method", "'" + methodText.get() + "' is not an HTTP method; use " + METHOD_LIST);
            valid = false;
        }
        if (valid && pathText.isPresent() && methodText.isPresent()) {
            String methodName = methodText.get().toUpperCase(Locale.ROOT);
            duplicate(function, eventId, api, methodName + " " + RouteKeys.normalized(pathText.get()),
                methodName + " " + pathText.get());
        }
    }

    private void duplicate(TemplateResource function, String eventId, String api, String key, String routeKey) {
        String owner = function.logicalId() + "." + eventId;
        String earlier = routes.putIfAbsent(api + " " + key, owner);
        if (earlier != null) {
            problem("Resources." + function.logicalId() + ".Properties.Events." + eventId,
                "declares route " + routeKey + " of " + api + ", which " + earlier + " already declares;"
                + " remove or change the Path/Method of one of them");
        }
    }

    private void number(String at, TemplateMap properties, String name, int min, int max, String unit, String example) {
        Optional<TemplateNode> node = present(properties, name);
        Optional<String> text = node.flatMap(TemplateValidation::literal);
        if (text.isEmpty()) {
            return;
        }
        long value;
        try {
            value = Long.parseLong(text.get().trim());
        } catch (NumberFormatException e) {
            value = Long.MIN_VALUE;
        }
        if (value < min || value > max) {
            problem(at + "." + name, "'" + text.get() + "' is not a whole number of " + unit + " from " + min + " to " + max
                + "; write e.g. " + example);
        }
    }

    private static String apiId(TemplateMap properties, String name, String implicit) {
        Optional<TemplateNode> node = properties.get(name);
        if (node.isEmpty()) {
            return implicit;
        }
        if (Intrinsics.functionOf(node.get()).filter("Ref"::equals).isPresent()
            && Intrinsics.argumentOf(node.get()).orElse(null) instanceof TemplateScalar ref) {
            return ref.text();
        }
        return literal(node.get()).orElse(node.get().toString());
    }

    /** The value unless it is absent, null or blank text. */
    private static Optional<TemplateNode> present(TemplateMap map, String key) {
        return map.get(key).filter(node -> !(node instanceof TemplateScalar s)
            || (s.kind() != TemplateScalar.Kind.NULL && !s.text().isBlank()));
    }

    /** The text of a literal scalar; empty for intrinsics and collections. */
    private static Optional<String> literal(TemplateNode node) {
        return node instanceof TemplateScalar s && s.kind() != TemplateScalar.Kind.NULL ? Optional.of(s.text()) : Optional.empty();
    }

    private void problem(String property, String problem) {
        problems.add(new TemplateProblem(file, property, problem));
    }
}
