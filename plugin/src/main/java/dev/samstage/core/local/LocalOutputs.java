package dev.samstage.core.local;

import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateMap;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's {@code Outputs} as the local stage can give them, so that a suite reading
 * stack outputs works the same locally and deployed: an API's execute-api URL becomes the
 * same path on the local gateway (without the REST API's stage segment, which the local
 * gateway does not serve), a {@code Ref} to a function its logical id, a parameter its value
 * (see {@link TemplateValues}). Outputs with no local value ({@code Fn::GetAtt}, imports) are
 * left out.
 */
public final class LocalOutputs {

    private static final Pattern EXECUTE_API =
            Pattern.compile("https://([A-Za-z0-9]+)\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com(?:/(.*))?");
    private static final Set<String> REST_API_TYPES = Set.of("AWS::Serverless::Api", "AWS::ApiGateway::RestApi");
    private static final Set<String> HTTP_API_TYPES = Set.of("AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api");

    private LocalOutputs() {
    }

    /** The outputs that resolve locally, by name, in template order. */
    public static Map<String, String> of(Path templateFile, Map<String, String> parameterOverrides, URI endpoint) {
        Template template = Template.read(templateFile);
        TemplateValues values = TemplateValues.of(template, parameterOverrides, FunctionRuntime.region());
        Map<String, String> outputs = new LinkedHashMap<>();
        template.root().getMap("Outputs").ifPresent(section -> section.entries().forEach((name, node) -> {
            if (node instanceof TemplateMap output) {
                output.get("Value").flatMap(values::text).map(value -> local(template, value, endpoint))
                        .ifPresent(value -> outputs.put(name, value));
            }
        }));
        return outputs;
    }

    private static String local(Template template, String value, URI endpoint) {
        Matcher url = EXECUTE_API.matcher(value);
        if (!url.matches()) {
            return value;
        }
        Optional<Boolean> rest = restApi(template, url.group(1));
        if (rest.isEmpty()) {
            return value;
        }
        String path = url.group(2) == null ? "" : url.group(2);
        if (rest.get()) {
            int slash = path.indexOf('/');
            path = slash < 0 ? "" : path.substring(slash + 1); // the stage segment: /Prod/hello -> hello
        }
        return endpoint.resolve(path).toString();
    }

    /** Whether the API is a REST API (true) or an HTTP API (false); empty when it is no API of the template. */
    private static Optional<Boolean> restApi(Template template, String logicalId) {
        if (logicalId.equals("ServerlessRestApi")) {
            return Optional.of(true);
        }
        if (logicalId.equals("ServerlessHttpApi")) {
            return Optional.of(false);
        }
        return template.resource(logicalId).flatMap(r -> r.type())
                .filter(type -> REST_API_TYPES.contains(type) || HTTP_API_TYPES.contains(type))
                .map(REST_API_TYPES::contains);
    }
}
