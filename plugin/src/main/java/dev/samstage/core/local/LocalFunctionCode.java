package dev.samstage.core.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The class path a function's code runs from, by its {@code CodeUri} resolved against the
 * template's directory, as packaging resolves it: absent, {@code .} or the project's directory
 * means the project's own class path; a Maven module of the build means that module's class
 * path (never its sources); another directory means that directory plus its {@code lib/*.jar}
 * (Lambda's layout); a {@code .zip} or {@code .jar} is extracted to a temporary directory and
 * read the same way. The temporary copy is removed on close.
 */
final class LocalFunctionCode implements AutoCloseable {

    private final List<Path> classpath;
    private final Path extracted;

    private LocalFunctionCode(List<Path> classpath, Path extracted) {
        this.classpath = List.copyOf(classpath);
        this.extracted = extracted;
    }

    static LocalFunctionCode of(LocalFunction function, Path templateDir, List<Path> projectClasspath) {
        return of(function, templateDir, templateDir, projectClasspath, Map.of());
    }

    static LocalFunctionCode of(LocalFunction function, Path templateDir, LocalStageRequest request) {
        return of(function, templateDir, request.projectDir(), request.projectClasspath(), request.moduleClasspaths());
    }

    private static LocalFunctionCode of(LocalFunction function, Path templateDir, Path projectDir,
                                        List<Path> projectClasspath, Map<Path, List<Path>> modules) {
        String codeUri = function.codeUri();
        if (codeUri == null || codeUri.isBlank() || templateDir.resolve(codeUri).normalize().equals(templateDir.normalize())
                || real(templateDir.resolve(codeUri)).equals(real(projectDir))) {
            return new LocalFunctionCode(projectClasspath, null);
        }
        Path named = real(templateDir.resolve(codeUri));
        for (Map.Entry<Path, List<Path>> module : modules.entrySet()) {
            if (real(module.getKey()).equals(named)) {
                return new LocalFunctionCode(module.getValue(), null);
            }
        }
        if (Files.isRegularFile(named.resolve("pom.xml"))) {
            throw new LocalStageException("Function " + function.logicalId() + ": CodeUri " + codeUri + " is a Maven module ("
                + named.resolve("pom.xml") + ") that this build does not build, and its sources are no Lambda code; list it"
                + " in the <modules> of the pom that runs samstage and run the stage from there");
        }
        if (codeUri.startsWith("s3://")) {
            throw new LocalStageException("Function " + function.logicalId() + ": CodeUri " + codeUri
                + " is in S3; the local stage runs local code, so point CodeUri at a directory, a .zip/.jar or '.'");
        }
        Path location = templateDir.resolve(codeUri).normalize();
        if (Files.isDirectory(location)) {
            return new LocalFunctionCode(lambdaLayout(location), null);
        }
        String name = location.getFileName().toString();
        if (Files.isRegularFile(location) && (name.endsWith(".zip") || name.endsWith(".jar"))) {
            Path target = extract(location);
            return new LocalFunctionCode(lambdaLayout(target), target);
        }
        throw new LocalStageException("Function " + function.logicalId() + ": CodeUri " + codeUri + " (" + location
            + ") is neither a directory nor a .zip/.jar file; build the function first or fix CodeUri");
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    List<Path> classpath() {
        return classpath;
    }

    private static List<Path> lambdaLayout(Path root) {
        List<Path> entries = new ArrayList<>();
        entries.add(root);
        Path lib = root.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(entries::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    private static Path extract(Path archive) {
        try {
            Path target = Files.createTempDirectory("samstage-function-");
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    Path out = target.resolve(entry.getName()).normalize();
                    if (!out.startsWith(target)) {
                        throw new LocalStageException("Archive " + archive + " has an entry outside its root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        copy(zip, out);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new LocalStageException("Cannot extract function code " + archive + ": " + e.getMessage(), e);
        }
    }

    private static void copy(InputStream in, Path out) throws IOException {
        Files.write(out, in.readAllBytes());
    }

    @Override
    public void close() {
        if (extracted == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(extracted)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the stage is shutting down anyway.
        }
    }
}
