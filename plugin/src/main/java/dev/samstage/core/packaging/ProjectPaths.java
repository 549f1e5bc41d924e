package dev.samstage.core.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves local values of packageable properties against the directory of the template that
 * holds them, and keeps them inside the project: a path that escapes it would make the
 * artifact depend on what happens to sit beside the checkout.
 */
final class ProjectPaths {

    private final Path projectDir;

    ProjectPaths(Path projectDir) {
        try {
            this.projectDir = projectDir.toRealPath();
        } catch (IOException e) {
            throw new PackagingException("The project directory " + projectDir + " does not exist; run the build"
                    + " from the project.", e);
        }
    }

    Path projectDir() {
        return projectDir;
    }

    /** The real path a value names, checked to exist and to lie inside the project. */
    Path resolve(Path baseDir, PropertySite site) {
        Path candidate = baseDir.resolve(site.value()).normalize();
        if (!Files.exists(candidate)) {
            throw site.fail("the path does not exist (" + candidate + ")",
                    "fix the path, which is relative to the template's directory");
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + candidate, e);
        }
        if (!real.startsWith(projectDir)) {
            throw site.fail("the path is outside the project directory " + projectDir,
                    "move the files into the project or reference them from S3");
        }
        return real;
    }

    /** A path as written in the manifest: relative to the project, with forward slashes. */
    String relative(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            absolute = Files.exists(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path, e);
        }
        Path relative = absolute.startsWith(projectDir) ? projectDir.relativize(absolute) : absolute;
        String text = relative.toString().replace('\\', '/');
        return text.isEmpty() ? "." : text;
    }
}
