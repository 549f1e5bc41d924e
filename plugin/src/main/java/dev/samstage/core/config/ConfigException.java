package dev.samstage.core.config;

import dev.samstage.core.StageException;
import java.util.List;

/** The stage configuration is wrong; {@link #problems()} lists every problem found at once. */
public final class ConfigException extends StageException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(problems.size() == 1
                ? problems.get(0)
                : problems.size() + " problems in the stage configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
