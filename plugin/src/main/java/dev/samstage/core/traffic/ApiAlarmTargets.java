package dev.samstage.core.traffic;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateIntrinsic;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateResource;
import dev.samstage.core.template.TemplateScalar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the REST APIs in front of a function (its {@code Api} events) and builds their 5XX
 * alarms, keyed by API name and stage so that the alarm does not depend on the API resource
 * (which depends on the alias). SAM's implicit API is {@code ServerlessRestApi}, stage
 * {@code Prod}, named after the stack. HTTP APIs get a warning instead (see {@link #alarmsFor}).
 */
final class ApiAlarmTargets {

    private static final String IMPLICIT_REST = "ServerlessRestApi";
    private static final String IMPLICIT_HTTP = "ServerlessHttpApi";

    private final Template template;
    private final StageListener listener;

    ApiAlarmTargets(Template template, StageListener listener) {
        this.template = template;
        this.listener = listener;
    }

    /** The 5XX alarm resources (logical id to resource) for the APIs that route to {@code function}. */
    Map<String, TemplateMap> alarmsFor(TemplateResource function, Optional<TemplateNode> condition) {
        Map<String, TemplateMap> alarms = new LinkedHashMap<>();
        Optional<TemplateMap> events = function.property("Events").filter(TemplateMap.class::isInstance).map(TemplateMap.class::cast);
        if (events.isEmpty()) {
            return alarms;
        }
        for (TemplateNode event : events.get().entries().values()) {
            if (!(event instanceof TemplateMap e)) {
                continue;
            }
            String type = e.getString("Type").orElse("");
            TemplateMap props = e.getMap("Properties").orElseGet(TemplateMap::empty);
            if (type.equals("Api")) {
                String api = apiId(props.get("RestApiId")).orElse(IMPLICIT_REST);
                restApi(api, condition).ifPresent(a -> alarms.put(GeneratedAlarms.api5xxAlarmId(api), a));
            } else if (type.equals("HttpApi")) {
                // HTTP API metrics are keyed by ApiId only; the API's integration references the alias, whose update
                // policy references the deployment group, so an alarm on !Ref <api> would close a dependency cycle
                String api = apiId(props.get("ApiId")).orElse(IMPLICIT_HTTP);
                listener.on(StageEvent.warn("No 5xx alarm for HTTP API " + api + " of " + function.logicalId() + ": its metrics are"
                        + " keyed by the API id, which CloudFormation only knows after the alias the deployment group guards"
                        + " (a dependency cycle). Create the alarm outside this stack and name it in the stage's <alarms>."));
            }
        }
        return alarms;
    }

    private static Optional<String> apiId(Optional<TemplateNode> reference) {
        return reference.flatMap(n -> TemplateNodes.refTarget(n)
                .or(() -> n instanceof TemplateScalar s ? Optional.of(s.text()) : Optional.empty()));
    }

    private Optional<TemplateMap> restApi(String api, Optional<TemplateNode> condition) {
        Optional<TemplateMap> globals = template.globals("Api");
        if (api.equals(IMPLICIT_REST)) {
            TemplateNode name = globals.flatMap(g -> g.get("Name")).orElse(TemplateIntrinsic.ref("AWS::StackName"));
            return Optional.of(GeneratedAlarms.restApi5xx(api, name, TemplateScalar.string("Prod"), condition));
        }
        Optional<TemplateResource> resource = template.resource(api);
        if (resource.isEmpty() || !resource.get().type().orElse("").equals("AWS::Serverless::Api")) {
            listener.on(StageEvent.warn("No 5XX alarm for API " + api + ": it is not an AWS::Serverless::Api of this template,"
                    + " so its name and stage are unknown; name an existing alarm in the stage's <alarms> instead."));
            return Optional.empty();
        }
        TemplateResource r = resource.get();
        Optional<TemplateNode> name = r.property("Name").or(() -> globals.flatMap(g -> g.get("Name")));
        boolean ownDefinition = r.property("DefinitionBody").isPresent() || r.property("DefinitionUri").isPresent();
        if (name.isEmpty() && ownDefinition) {
            listener.on(StageEvent.warn("No 5XX alarm for API " + api + ": its name comes from its OpenAPI definition's title;"
                    + " set its Name property so the alarm can name the API."));
            return Optional.empty();
        }
        TemplateNode stage = r.property("StageName").or(() -> globals.flatMap(g -> g.get("StageName"))).orElse(TemplateScalar.string("Prod"));
        return Optional.of(GeneratedAlarms.restApi5xx(api, name.orElse(TemplateIntrinsic.ref("AWS::StackName")), stage, condition));
    }
}
