package dev.samstage.core.validate;

import dev.samstage.core.StageException;

import java.util.List;

/** A template with mistakes that AWS would reject or that would make a route unreachable. */
public final class TemplateValidationException extends StageException {

    private final List<TemplateProblem> problems;

    TemplateValidationException(List<TemplateProblem> problems) {
        super(problems.get(0).line() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more, listed above)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<TemplateProblem> problems() {
        return problems;
    }
}
