package dev.samstage.core.verify;

import dev.samstage.core.events.StageEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuiteClasspathTest {

    private final List<StageEvent> events = new ArrayList<>();
    private final Path classes = Path.of("/svc/target/test-classes");

    @Test
    void addsOnlyLauncherJarsTheServiceLacks() {
        List<Path> service = List.of(Path.of("/m2/junit-platform-engine-1.13.4.jar"), Path.of("/m2/junit-platform-launcher-1.13.4.jar"));
        List<Path> launcher = List.of(Path.of("/plugin/samstage-integration-test-kit-0.1.0-SNAPSHOT.jar"),
            Path.of("/plugin/junit-platform-launcher-1.13.4.jar"), Path.of("/plugin/junit-platform-reporting-1.13.4.jar"));

        assertThat(SuiteClasspath.of(classes, service, launcher, events::add)).containsExactly(
            classes, Path.of("/m2/junit-platform-engine-1.13.4.jar"), Path.of("/m2/junit-platform-launcher-1.13.4.jar"),
            Path.of("/plugin/samstage-integration-test-kit-0.1.0-SNAPSHOT.jar"), Path.of("/plugin/junit-platform-reporting-1.13.4.jar"));
        assertThat(events).isEmpty();
    }

    @Test
    void warnsWhenTheAddedLauncherDoesNotMatchTheServicePlatform() {
        SuiteClasspath.of(classes, List.of(Path.of("/m2/junit-platform-engine-1.10.2.jar")),
            List.of(Path.of("/plugin/junit-platform-launcher-1.13.4.jar")), events::add);

        assertThat(events).singleElement().extracting(StageEvent::message).isEqualTo(
            "The suite uses JUnit Platform 1.10.2 but the plugin adds junit-platform-launcher 1.13.4;"
                + " if discovery fails, add org.junit.platform:junit-platform-launcher:1.10.2 to the service's test dependencies");
    }
}
