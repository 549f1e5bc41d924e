package dev.samstage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** Suites are JUnit tags; the meta-annotations work on classes and methods, and more are easy to define. */
class SuiteTagsTest {

    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Tag("smoke")
    @interface SmokeTest {
    }

    @IntegrationTest
    static class IntegrationClass {
        @Test
        void fullCheck() {
        }

        @Test
        @SanityTest
        void alsoSanity() {
        }
    }

    static class MixedMethods {
        @Test
        @SanityTest
        void readOnlyCheck() {
        }

        @Test
        @SmokeTest
        void smokeCheck() {
        }

        @Test
        void untagged() {
        }
    }

    private static List<String> run(String tag) {
        EngineExecutionResults results = Fixtures.run(List.of(IntegrationClass.class, MixedMethods.class), Map.of(),
                TagFilter.includeTags(tag));
        return results.testEvents().succeeded().stream()
                .map(Event::getTestDescriptor)
                .map(d -> d.getDisplayName())
                .sorted()
                .toList();
    }

    @Test
    void eachSuiteSelectsItsTaggedClassesAndMethods() {
        assertThat(run(IntegrationTest.TAG)).containsExactly("alsoSanity()", "fullCheck()");
        assertThat(run(SanityTest.TAG)).containsExactly("alsoSanity()", "readOnlyCheck()");
        assertThat(run("smoke")).containsExactly("smokeCheck()");
    }
}
