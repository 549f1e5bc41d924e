package dev.samstage.core.verify;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite JVM's class path: the service's test class path as it is, then each launcher
 * jar from the plugin whose artifact the service does not already bring. The service's own
 * copy wins, as with Surefire, so its JUnit Platform version is the one that runs.
 */
final class SuiteClasspath {

    /** {@code junit-platform-launcher-1.13.4.jar} -> artifact {@code junit-platform-launcher}, version {@code 1.13.4}. */
    private static final Pattern VERSIONED_JAR = Pattern.compile("^(.+?)-(\\d[^/]*)\\.jar$");

    private SuiteClasspath() {
    }

    static List<Path> of(Path testClassesDir, List<Path> testClasspath, List<Path> launcherJars, StageListener listener) {
        Set<Path> entries = new LinkedHashSet<>();
        entries.add(testClassesDir.toAbsolutePath());
        testClasspath.forEach(p -> entries.add(p.toAbsolutePath()));
        Set<String> present = new LinkedHashSet<>();
        entries.forEach(p -> artifact(p).ifPresent(present::add));
        for (Path jar : launcherJars) {
            Optional<String> artifact = artifact(jar);
            if (artifact.isPresent() && present.contains(artifact.get())) {
                continue;
            }
            entries.add(jar.toAbsolutePath());
        }
        warnOnPlatformMismatch(testClasspath, launcherJars, present, listener);
        return new ArrayList<>(entries);
    }

    private static void warnOnPlatformMismatch(List<Path> testClasspath, List<Path> launcherJars, Set<String> present,
                                               StageListener listener) {
        if (present.contains("junit-platform-launcher")) {
            return;
        }
        Optional<String> serviceVersion = version(testClasspath, "junit-platform-engine");
        Optional<String> launcherVersion = version(launcherJars, "junit-platform-launcher");
        if (serviceVersion.isPresent() && launcherVersion.isPresent() && !serviceVersion.equals(launcherVersion)) {
            listener.on(StageEvent.warn("The suite uses JUnit Platform " + serviceVersion.get()
                + " but the plugin adds junit-platform-launcher " + launcherVersion.get()
                + "; if discovery fails, add org.junit.platform:junit-platform-launcher:" + serviceVersion.get()
                + " to the service's test dependencies"));
        }
    }

    private static Optional<String> version(List<Path> paths, String artifact) {
        for (Path p : paths) {
            Matcher m = VERSIONED_JAR.matcher(p.getFileName().toString());
            if (m.matches() && m.group(1).equals(artifact)) {
                return Optional.of(m.group(2));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> artifact(Path path) {
        if (path.getFileName() == null || Files.isDirectory(path)) {
            return Optional.empty();
        }
        Matcher m = VERSIONED_JAR.matcher(path.getFileName().toString());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
