package dev.samstage.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects one output of the stage's stack into a {@code String} parameter of a
 * {@link StageTest} class's test or lifecycle method:
 * {@code void storesQuotes(@StageOutput("QuotesTable") String table)}.
 * A missing output fails the method, naming the outputs that exist.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface StageOutput {

    /** The output's logical name, as under {@code Outputs:} in the template. */
    String value();
}
