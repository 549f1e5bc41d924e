package dev.samstage.core.validate;

import java.nio.file.Path;

/**
 * One mistake in a SAM template, as one line: the file, the property path, what is wrong
 * with its value and what to write instead.
 *
 * @param file      the template
 * @param property  where, e.g. {@code Resources.Orders.Properties.Events.Get.Properties.Path}
 * @param problem   what is wrong, naming the value when there is one, and the fix
 */
public record TemplateProblem(Path file, String property, String problem) {

    /** {@code template.yaml: Resources.Orders.Properties.Handler is missing; add ...}. */
    public String line() {
        return file + ": " + property + " " + problem;
    }
}
