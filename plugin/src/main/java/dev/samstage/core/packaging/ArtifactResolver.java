package dev.samstage.core.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a local path named by a packageable property into the payload that replaces it:
 * a directory is zipped, a zip or jar kept as is, the project directory as a function's code
 * becomes the project's own Java build. Payloads are cached per path, so a directory used by
 * many functions is hashed once.
 */
final class ArtifactResolver {

    private final ProjectPaths paths;
    private final JavaBuildOutput build;
    private final Map<String, Resolved> cache = new ConcurrentHashMap<>();

    record Resolved(ArtifactPayload payload, String localPath) {
    }

    ArtifactResolver(ProjectPaths paths, JavaBuildOutput build) {
        this.paths = paths;
        this.build = build;
    }

    /** The payload for a value already resolved to an existing path inside the project. */
    Resolved resolve(Path path, PackageableProperty property, PropertySite site) {
        if (property.functionCode() && path.equals(paths.projectDir())) {
            return javaBuild(site);
        }
        boolean directory = Files.isDirectory(path);
        if (property.form() == ArtifactForm.FILE && directory) {
            throw site.fail("the path is a directory but " + property.name() + " takes a file",
                    "point it at the file itself");
        }
        String kind = directory ? "dir:" : property.form() == ArtifactForm.ARCHIVE && !archive(path) ? "zip:" : "file:";
        return cache.computeIfAbsent(kind + path, k -> new Resolved(switch (kind) {
            case "dir:" -> ArtifactPayload.Archive.of(ArchiveContent.ofDirectory(path));
            case "zip:" -> ArtifactPayload.Archive.of(ArchiveContent.ofFile(path));
            default -> ArtifactPayload.AsIs.of(path);
        }, paths.relative(path)));
    }

    /** The project's own code: its shaded jar, or its classes with dependency jars under {@code lib/}. */
    Resolved javaBuild(PropertySite site) {
        if (!build.present()) {
            throw site.fail("the function's code is the project itself, but the project has no built classes"
                    + " or shaded jar", "build the project first (mvn package) or set CodeUri to the code's location");
        }
        return cache.computeIfAbsent("java-build", k -> build.shadedJar()
                .map(jar -> new Resolved(ArtifactPayload.AsIs.of(jar), paths.relative(jar)))
                .orElseGet(() -> new Resolved(
                        ArtifactPayload.Archive.of(ArchiveContent.ofJavaLayout(build.classesDir(), build.runtimeJars())),
                        paths.relative(build.classesDir()) + " + " + build.runtimeJars().size() + " jars in lib/")));
    }

    private static boolean archive(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".zip") || name.endsWith(".jar");
    }
}
