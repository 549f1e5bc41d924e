package dev.samstage.testing.faults;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * How often each {@link Fault} happens. Draws come from one seeded {@link Random}, so a
 * single-threaded run sees the same faults every time; parallel requests draw in the order
 * they arrive.
 *
 * @param rates     probability per request of each fault; their sum is at most 1
 * @param slowDelay longest delay of a {@link Fault#SLOW} answer (each draws between half of it and all of it)
 * @param seed      seed of the random draws
 * @param methods   HTTP methods or operation names ({@code ExecuteChangeSet}) the faults apply to; empty
 *                  for all (other requests pass untouched)
 * @param limit     most faults injected in all; -1 for no limit
 */
public record FaultPlan(Map<Fault, Double> rates, Duration slowDelay, long seed, Set<String> methods, int limit) {

    public FaultPlan {
        rates = Map.copyOf(new EnumMap<>(Objects.requireNonNull(rates, "rates").isEmpty() ? Map.of(Fault.SLOW, 0.0) : rates));
        double total = rates.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total > 1.0 + 1e-9 || rates.values().stream().anyMatch(r -> r < 0)) {
            throw new IllegalArgumentException("fault rates must be >= 0 and add up to at most 1: " + rates);
        }
        Objects.requireNonNull(slowDelay, "slowDelay");
        methods = Set.copyOf(methods);
    }

    /** Every request forwarded untouched. */
    public static FaultPlan none() {
        return new FaultPlan(Map.of(), Duration.ZERO, 0, Set.of(), -1);
    }

    /**
     * {@code errorRate} of the requests fail, evenly split between throttling, 500s, resets
     * before and resets after the service saw the request; another {@code slowRate} are slow.
     */
    public static FaultPlan errors(double errorRate, double slowRate, long seed) {
        Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        for (Fault f : new Fault[] {Fault.THROTTLE, Fault.SERVER_ERROR, Fault.RESET_BEFORE, Fault.RESET_AFTER}) {
            rates.put(f, errorRate / 4);
        }
        rates.put(Fault.SLOW, slowRate);
        return new FaultPlan(rates, Duration.ofMillis(800), seed, Set.of(), -1);
    }

    /** Only {@code fault}, on every request. */
    public static FaultPlan always(Fault fault) {
        return new FaultPlan(Map.of(fault, 1.0), Duration.ofMillis(800), 0, Set.of(), -1);
    }

    /** The same faults, only on requests with one of {@code httpMethods} (e.g. {@code PUT} for uploads). */
    public FaultPlan onlyFor(String... httpMethodsOrOperations) {
        return new FaultPlan(rates, slowDelay, seed, Set.of(httpMethodsOrOperations), limit);
    }

    /** The same faults, at most {@code count} of them (e.g. only the first attempt of a call). */
    public FaultPlan times(int count) {
        return new FaultPlan(rates, slowDelay, seed, methods, count);
    }

    /** The fault for the next request, or empty to forward it untouched. */
    Optional<Fault> draw(Random random, String method, String operation, int injected) {
        if ((!methods.isEmpty() && !methods.contains(method) && !methods.contains(operation))
                || (limit >= 0 && injected >= limit)) {
            return Optional.empty();
        }
        double x = random.nextDouble();
        double edge = 0;
        for (Fault f : Fault.values()) {
            edge += rates.getOrDefault(f, 0.0);
            if (x < edge) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
