package dev.samstage.core.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
    private final Map<Path, JavaBuildOutput> modules;
    private final Map<String, Resolved> cache = new ConcurrentHashMap<>();

    record Resolved(ArtifactPayload payload, String localPath) {
    }

    ArtifactResolver(ProjectPaths paths, JavaBuildOutput build) {
        this(paths, build, Map.of());
    }

    /** @param modules the build output of the build's other Maven modules, by directory */
    ArtifactResolver(ProjectPaths paths, JavaBuildOutput build, Map<Path, JavaBuildOutput> modules) {
        this.paths = paths;
        this.build = build;
        this.modules = new HashMap<>();
        modules.forEach((dir, output) -> this.modules.put(real(dir), output));
    }

    /** The payload for a value already resolved to an existing path inside the project. */
    Resolved resolve(Path path, PackageableProperty property, PropertySite site) {
        if (property.functionCode() && path.equals(paths.projectDir())) {
            return javaBuild(site);
        }
        boolean directory = Files.isDirectory(path);
        if (property.functionCode() && directory && Files.isRegularFile(path.resolve("pom.xml"))) {
            return moduleBuild(path, site);
        }
        if (property.functionCode() && directory && Files.isDirectory(path.resolve("src/main/java"))) {
            throw site.fail("the directory holds Java sources (src/main/java) but is no Maven module of this build,"
                    + " and Lambda cannot run sources", "point CodeUri at a Maven module of the build, or at built code"
                    + " (a jar, or a directory of classes with its dependency jars in lib/)");
        }
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

    /**
     * A {@code CodeUri} naming a Maven module: the code is what the module built, as for the
     * project's own code, never the module's sources.
     */
    private Resolved moduleBuild(Path module, PropertySite site) {
        JavaBuildOutput output = modules.get(module);
        String name = paths.relative(module);
        if (output == null) {
            throw site.fail("the directory is a Maven module (" + name + "/pom.xml) that this build does not build,"
                    + " and its sources are no Lambda code", "build it in the same run: list it in the <modules> of the"
                    + " pom that runs samstage (for the 'sam init' layout, a root pom with the function directories as"
                    + " modules), or set CodeUri to its built jar");
        }
        if (!output.present()) {
            throw site.fail("the Maven module " + name + " has no build output (no target/classes, no shaded jar)",
                    "build it first: run package-stage from the root pom, so Maven builds the module before packaging");
        }
        return cache.computeIfAbsent("module:" + module, k -> output.shadedJar()
                .map(jar -> new Resolved(ArtifactPayload.AsIs.of(jar), paths.relative(jar)))
                .orElseGet(() -> new Resolved(
                        ArtifactPayload.Archive.of(ArchiveContent.ofJavaLayout(output.classesDir(), output.runtimeJars())),
                        paths.relative(output.classesDir()) + " + " + output.runtimeJars().size() + " jars in lib/")));
    }

    private static Path real(Path dir) {
        try {
            return dir.toRealPath();
        } catch (java.io.IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static boolean archive(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".zip") || name.endsWith(".jar");
    }
}
