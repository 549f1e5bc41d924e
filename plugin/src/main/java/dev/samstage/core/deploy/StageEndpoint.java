package dev.samstage.core.deploy;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResource;

/**
 * The URL a stage's suite calls. First a declared output: {@code ApiUrl}, {@code ApiEndpoint},
 * or any output whose value is an execute-api URL. Else the stage URL of the template's API,
 * {@code https://<restApiId>.execute-api.<region>.amazonaws.com/<stage>}: the API id from the
 * stack's resources, the stage name from the stack's Stage resource, the template (a SAM
 * API's StageName, {@code Prod} for SAM's implicit API), or API Gateway's list of stages.
 */
final class StageEndpoint {

    private static final List<String> PREFERRED_OUTPUTS = List.of("ApiUrl", "ApiEndpoint");
    private static final Pattern EXECUTE_API = Pattern.compile("https://[a-z0-9]+\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com(/.*)?");

    private StageEndpoint() {
    }

    static Optional<String> fromOutputs(Map<String, String> outputs) {
        for (String key : PREFERRED_OUTPUTS) {
            for (Map.Entry<String, String> o : outputs.entrySet()) {
                if (o.getKey().equalsIgnoreCase(key) && o.getValue() != null && !o.getValue().isBlank()) {
                    return Optional.of(o.getValue());
                }
            }
        }
        return outputs.values().stream().filter(v -> v != null && EXECUTE_API.matcher(v).matches()).sorted().findFirst();
    }

    /** The declared endpoint, else the stage URL of the stack's API; asks API Gateway (a client built then) only as the last resort. */
    static Optional<String> resolve(Map<String, String> outputs, CloudFormationClient cfn, AwsClientFactory clients,
                                    String stackName, String region, Template template) {
        Optional<String> declared = fromOutputs(outputs);
        if (declared.isPresent()) {
            return declared;
        }
        List<StackResource> resources = cfn.describeStackResources(r -> r.stackName(stackName)).stackResources().stream()
                .filter(r -> r.logicalResourceId() != null && r.physicalResourceId() != null && !r.physicalResourceId().isBlank())
                .toList();
        Optional<StackResource> restApi = ofType(resources, "AWS::ApiGateway::RestApi");
        if (restApi.isPresent()) {
            String apiId = restApi.get().physicalResourceId();
            String base = "https://" + apiId + ".execute-api." + region + ".amazonaws.com/";
            Optional<String> stage = ofType(resources, "AWS::ApiGateway::Stage").map(StackResource::physicalResourceId)
                    .or(() -> stageInTemplate(template))
                    .or(() -> onlyStage(clients, apiId));
            return stage.map(s -> base + s);
        }
        return ofType(resources, "AWS::ApiGatewayV2::Api")
                .map(api -> "https://" + api.physicalResourceId() + ".execute-api." + region + ".amazonaws.com");
    }

    private static Optional<String> onlyStage(AwsClientFactory clients, String apiId) {
        try (ApiGatewayClient apiGateway = clients.apiGateway()) {
            return apiGateway.getStages(r -> r.restApiId(apiId)).item().stream().map(s -> s.stageName()).sorted().findFirst();
        }
    }

    private static Optional<StackResource> ofType(List<StackResource> resources, String type) {
        return resources.stream().filter(r -> type.equals(r.resourceType())).findFirst();
    }

    private static Optional<String> stageInTemplate(Template template) {
        for (TemplateResource r : template.resources()) {
            String type = r.type().orElse("");
            if (type.equals("AWS::ApiGateway::Stage") || type.equals("AWS::Serverless::Api")) {
                Optional<String> name = r.node().getMap("Properties").flatMap(p -> p.getString("StageName"));
                if (name.isPresent()) {
                    return name;
                }
            }
        }
        boolean implicitApi = template.resources().stream()
                .filter(r -> r.type().orElse("").equals("AWS::Serverless::Function"))
                .flatMap(r -> r.node().getMap("Properties").flatMap(p -> p.getMap("Events")).stream())
                .flatMap(events -> events.entries().values().stream())
                .anyMatch(e -> e instanceof TemplateMap m && m.getString("Type").filter("Api"::equals).isPresent());
        return implicitApi ? Optional.of("Prod") : Optional.empty();
    }
}
