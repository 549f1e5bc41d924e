package dev.samstage.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a class or method as part of the sanity suite (JUnit tag {@value #TAG}): a few
 * read-only checks safe to run against production. Combine with {@link StageTest}; see
 * {@link IntegrationTest} for defining further suites.
 */
@Documented
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag(SanityTest.TAG)
public @interface SanityTest {

    /** The JUnit tag of the sanity suite. */
    String TAG = "sanity";
}
