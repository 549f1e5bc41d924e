package dev.samstage.core.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the route for a request the way API Gateway does: literal path segments win over
 * {@code {param}} segments, which win over a greedy {@code {proxy+}} tail; a route for the
 * request's method wins over {@code ANY}; an HTTP API's {@code $default} route catches
 * whatever is left.
 */
final class RouteTable {

    private final List<LocalRoute> routes;

    RouteTable(List<LocalRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    /** A matched route with its decoded path parameters. */
    record Match(LocalRoute route, Map<String, String> pathParameters) {
    }

    Optional<Match> find(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        List<Candidate> candidates = new ArrayList<>();
        for (LocalRoute route : routes) {
            if (!route.method().equals("ANY") && !route.method().equals(method)) {
                continue;
            }
            if (route.path().equals(LocalRoute.DEFAULT_ROUTE)) {
                candidates.add(new Candidate(route, Map.of(), -1, 0));
                continue;
            }
            match(route, segments).ifPresent(candidates::add);
        }
        return candidates.stream()
            .max(Comparator.comparingInt(Candidate::specificity)
                .thenComparingInt(Candidate::literals)
                .thenComparing(c -> !c.route().method().equals("ANY")))
            .map(c -> new Match(c.route(), c.pathParameters()));
    }

    private record Candidate(LocalRoute route, Map<String, String> pathParameters, int specificity, int literals) {
    }

    private static Optional<Candidate> match(LocalRoute route, List<String> actual) {
        List<String> declared = segments(route.path());
        Map<String, String> parameters = new LinkedHashMap<>();
        int literals = 0;
        // Specificity: a route without a greedy tail beats one with it.
        int specificity = 1;
        for (int i = 0; i < declared.size(); i++) {
            String part = declared.get(i);
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i >= actual.size()) {
                    return Optional.empty();
                }
                parameters.put(part.substring(1, part.length() - 2), String.join("/", actual.subList(i, actual.size())));
                return Optional.of(new Candidate(route, parameters, 0, literals));
            }
            if (i >= actual.size()) {
                return Optional.empty();
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                parameters.put(part.substring(1, part.length() - 1), actual.get(i));
            } else if (part.equals(actual.get(i))) {
                literals += 1 << (declared.size() - i);
            } else {
                return Optional.empty();
            }
        }
        return declared.size() == actual.size()
            ? Optional.of(new Candidate(route, parameters, specificity, literals))
            : Optional.empty();
    }

    /** The decoded, non-empty segments of a path; a trailing slash does not count. */
    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
