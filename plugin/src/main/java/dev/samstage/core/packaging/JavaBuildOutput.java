package dev.samstage.core.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the project's own build produced, used for functions whose code is the project itself
 * ({@code CodeUri: .}, a {@code CodeUri} naming the project directory, or none at all).
 *
 * @param classesDir  compiled classes and resources ({@code target/classes}); null when the project has none
 * @param runtimeJars runtime-scope dependency jars, placed under {@code lib/} in the function's archive
 * @param shadedJar   the project's shaded (uber) jar; when present it is uploaded as is instead
 */
public record JavaBuildOutput(Path classesDir, List<Path> runtimeJars, Optional<Path> shadedJar) {

    public JavaBuildOutput {
        runtimeJars = List.copyOf(Objects.requireNonNull(runtimeJars, "runtimeJars"));
        Objects.requireNonNull(shadedJar, "shadedJar");
    }

    /** Classes plus dependency jars, laid out for Lambda. */
    public static JavaBuildOutput of(Path classesDir, List<Path> runtimeJars) {
        return new JavaBuildOutput(Objects.requireNonNull(classesDir, "classesDir"), runtimeJars, Optional.empty());
    }

    /** A project that builds a shaded jar. */
    public static JavaBuildOutput shaded(Path shadedJar) {
        return new JavaBuildOutput(null, List.of(), Optional.of(shadedJar));
    }

    /** A project with no Java build (a template-only project). */
    public static JavaBuildOutput none() {
        return new JavaBuildOutput(null, List.of(), Optional.empty());
    }

    /** Whether a function can take its code from this build. */
    public boolean present() {
        return shadedJar.isPresent() || (classesDir != null && Files.isDirectory(classesDir));
    }
}
