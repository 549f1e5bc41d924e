package dev.samstage.core.release;

import dev.samstage.core.config.ConfigException;
import dev.samstage.core.config.Environment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order releases flow through the stages. Either the declaration order of the
 * {@code <environment>} elements, or explicit links where each stage names its
 * {@code <next>} stage; links must form one chain through every declared stage: no cycle,
 * no gap (a stage no chain reaches, or a link to an undeclared stage), no fork (two stages
 * naming the same next one). The {@code local} stage never takes part.
 */
public final class StageOrder {

    /** The place where builds wait before the first stage. */
    public static final String BUILD = "#build";

    private final List<String> stages;

    private StageOrder(List<String> stages) {
        this.stages = List.copyOf(stages);
    }

    /** The stages in the order they are declared. */
    public static StageOrder declared(List<String> names) {
        List<String> stages = withoutLocal(names);
        Set<String> seen = new LinkedHashSet<>();
        for (String s : stages) {
            if (!seen.add(s)) {
                throw new ConfigException("<environment> '" + s + "' is declared twice; give each stage one <environment>.");
            }
        }
        if (stages.isEmpty()) {
            throw new ConfigException("No <environment> besides 'local' is declared, so there is no stage to release to.");
        }
        return new StageOrder(stages);
    }

    /** The stages of {@code environments} in declaration order. */
    public static StageOrder of(List<Environment> environments) {
        return declared(environments.stream().map(Environment::name).toList());
    }

    /**
     * The stages chained by {@code next} (stage to the stage after it). With no links at all this is
     * the declaration order; otherwise every stage but the last must name its next one.
     */
    public static StageOrder linked(List<String> names, Map<String, String> next) {
        StageOrder declared = declared(names);
        if (next == null || next.isEmpty()) {
            return declared;
        }
        Set<String> known = new LinkedHashSet<>(declared.stages);
        List<String> problems = new ArrayList<>();
        Map<String, String> predecessor = new HashMap<>();
        next.forEach((from, to) -> {
            if (!known.contains(from)) {
                problems.add("<next> is set for stage '" + from + "', which is not declared; declare it or remove the link.");
            } else if (!known.contains(to)) {
                problems.add("Stage '" + from + "' names <next>" + to + "</next>, which is not declared: a gap in the release"
                        + " order; point it at one of " + known + ".");
            } else if (predecessor.containsKey(to)) {
                problems.add("Stages '" + predecessor.get(to) + "' and '" + from + "' both name <next>" + to
                        + "</next>; a release follows one chain, so only one may.");
            } else {
                predecessor.put(to, from);
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        List<String> heads = known.stream().filter(s -> !predecessor.containsKey(s)).toList();
        if (heads.isEmpty()) {
            throw new ConfigException("The <next> links " + next + " form a cycle: every stage follows another, so no stage"
                    + " comes first; remove the link into the first stage.");
        }
        List<String> chain = new ArrayList<>();
        Set<String> visited = new LinkedHashSet<>();
        for (String s = heads.get(0); s != null; s = next.get(s)) {
            if (!visited.add(s)) {
                throw new ConfigException("The <next> links " + next + " form a cycle through '" + s + "'; remove one link.");
            }
            chain.add(s);
        }
        if (chain.size() != known.size()) {
            List<String> unreached = known.stream().filter(s -> !visited.contains(s)).toList();
            throw new ConfigException("The <next> links " + next + " leave a gap: the chain " + String.join(" -> ", chain)
                    + " never reaches " + unreached + (heads.size() > 1 ? "" : ", which link in a cycle")
                    + "; make every stage but the last name its <next> stage.");
        }
        return new StageOrder(chain);
    }

    private static List<String> withoutLocal(List<String> names) {
        return names.stream().filter(n -> !Environment.LOCAL.equals(n)).toList();
    }

    public List<String> stages() {
        return stages;
    }

    public String first() {
        return stages.get(0);
    }

    /** The stage {@code stage}; a clear error when it is not part of the release order. */
    public String require(String stage) {
        if (!stages.contains(stage)) {
            throw new ReleaseException("Stage -Denv=" + stage + " is not in the release order " + String.join(" -> ", stages)
                    + "; use one of these stages.");
        }
        return stage;
    }

    /** The stage after {@code stage}; empty for the last one. */
    public Optional<String> next(String stage) {
        int i = stages.indexOf(require(stage));
        return i + 1 < stages.size() ? Optional.of(stages.get(i + 1)) : Optional.empty();
    }

    /** Where releases wait before entering {@code stage}: the previous stage, or {@link #BUILD} before the first. */
    public String previous(String stage) {
        int i = stages.indexOf(require(stage));
        return i == 0 ? BUILD : stages.get(i - 1);
    }

    @Override
    public String toString() {
        return String.join(" -> ", stages);
    }
}
