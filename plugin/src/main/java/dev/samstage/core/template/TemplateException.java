package dev.samstage.core.template;

import dev.samstage.core.StageException;

/**
 * A template that cannot be read or written. The message names the file and, for problems
 * in the text, the line and column ({@code template.yaml:12:7: ...}) and what to change.
 */
public final class TemplateException extends StageException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem at a position in a template's text; line and column are 1-based. */
    static TemplateException at(String source, int line, int column, String problem) {
        return new TemplateException(source + ":" + line + ":" + column + ": " + problem);
    }
}
