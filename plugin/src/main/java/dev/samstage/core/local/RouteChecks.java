package dev.samstage.core.local;

import dev.samstage.core.validate.RouteKeys;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What only the local stage must check before it listens, beyond the template checks of
 * every stage ({@link dev.samstage.core.validate.TemplateValidation}): values that have no
 * local value, and routes that collide because every local API shares one host.
 */
final class RouteChecks {

    private RouteChecks() {
    }

    static void check(LocalApplication application, Path template) {
        Map<String, LocalRoute> seen = new HashMap<>();
        for (LocalRoute route : application.routes()) {
            LocalFunction function = application.functions().get(route.functionId());
            if (function == null) {
                throw new LocalStageException(template + ": event " + route.eventId() + " (" + route.routeKey()
                    + ") belongs to " + route.functionId() + ", which is not an AWS::Serverless::Function");
            }
            if (function.handler() == null || function.handler().isBlank()) {
                throw new LocalStageException(template + ": function " + function.logicalId() + " serves "
                    + route.routeKey() + " but its Handler has no local value; write a literal Handler or give its"
                    + " parameter a value in the stage's <parameterOverrides>");
            }
            String key = route.method() + " " + RouteKeys.normalized(route.path());
            LocalRoute earlier = seen.putIfAbsent(key, route);
            if (earlier != null) {
                throw new LocalStageException(template + ": route " + route.routeKey() + " is declared by "
                    + earlier.functionId() + "." + earlier.eventId() + " (" + earlier.apiId() + ") and " + route.functionId()
                    + "." + route.eventId() + " (" + route.apiId() + "); the local stage serves every API on one host,"
                    + " so change the Path/Method of one of them or run one API per stage");
            }
        }
    }
}
