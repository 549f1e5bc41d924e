package dev.samstage.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a class or method as part of the integration suite (JUnit tag {@value #TAG}): the full
 * functional suite run against non-production stages. Combine with {@link StageTest}.
 *
 * <p>To define another suite, write the same three lines with a different tag:</p>
 * <pre>{@code
 * @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
 * @Retention(RetentionPolicy.RUNTIME)
 * @Tag("smoke")
 * public @interface SmokeTest {}
 * }</pre>
 */
@Documented
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag(IntegrationTest.TAG)
public @interface IntegrationTest {

    /** The JUnit tag of the integration suite. */
    String TAG = "integration";
}
