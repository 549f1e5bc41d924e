package dev.samstage.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a deployed stage's API.
 *
 * <p>Test and lifecycle methods may declare these parameters:</p>
 * <ul>
 *   <li>{@link io.restassured.specification.RequestSpecification}: a fresh Rest Assured
 *       specification for every method, pointing at the stage endpoint plus the base path,
 *       with the configured authentication. Rest Assured's static settings are never
 *       touched, so classes and methods may run in parallel.</li>
 *   <li>{@link StageContext}: the stage name, endpoint and stack outputs.</li>
 *   <li>{@code @}{@link StageOutput}{@code ("Name") String}: one stack output.</li>
 *   <li>{@link StageFunctions}: invokes the stage's functions with an event (no API needed; a
 *       class that asks for nothing else does not need the stage to have one).</li>
 * </ul>
 *
 * <p>The endpoint is resolved once per class, from the first of: the JUnit configuration
 * parameter, system property or environment variable {@code samstage.endpoint} /
 * {@code SAMSTAGE_ENDPOINT}, then {@code API_URL}; the outputs file the samstage plugin wrote,
 * {@code target/samstage/<env>/outputs.json} for {@code samstage.env} / {@code SAMSTAGE_ENV};
 * then the outputs of the CloudFormation stack {@code samstage.stackName}. If none gives an
 * endpoint the class fails once, listing every place looked. All keys: {@link StageProperties}.</p>
 *
 * <p>When failing tests leave a request/response log, header values that carry secrets
 * ({@code Authorization}, the API key header, {@code X-Amz-Security-Token}, cookies) are masked.</p>
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StageExtension.class)
public @interface StageTest {

    /**
     * Path prefix for every request of this class (for example {@code /v1}); when empty,
     * {@code samstage.basePath} applies, and when that is unset, none.
     */
    String basePath() default "";
}
