package dev.samstage.testing.aws;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploys {@link ProbeService} to the local AWS once for the annotated test class and hands it to
 * the class's constructor or methods as a {@code ProbeService} parameter; it is closed after the
 * class's last test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ProbeServiceExtension.class)
@interface WithProbeService {
}
