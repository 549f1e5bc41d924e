package dev.samstage.core.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The checks that must pass before the local stage listens, each failing with one line. */
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
                throw new MissingHandlerException(template + ": function " + function.logicalId() + " serves "
                    + route.routeKey() + " but has no Handler; add Handler: pkg.Class::method to it or to Globals.Function");
            }
            // Locally every API shares one host, so the same route on two APIs also collides.
            // API Gateway treats /orders/{id} and /orders/{orderId} as the same resource.
            String key = route.method() + " " + route.path().replaceAll("\\{[^}]+\\+}", "{+}").replaceAll("\\{[^}+]+}", "{}");
            LocalRoute earlier = seen.putIfAbsent(key, route);
            if (earlier != null) {
                throw new DuplicateRouteException(template + ": route " + route.routeKey() + " is declared twice, by "
                    + earlier.functionId() + "." + earlier.eventId() + " and " + route.functionId() + "."
                    + route.eventId() + "; remove or change the Path/Method of one of them");
            }
        }
    }
}
