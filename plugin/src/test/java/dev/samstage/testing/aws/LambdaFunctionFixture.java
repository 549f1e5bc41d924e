package dev.samstage.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.io.File;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;

/**
 * A Java Lambda deployment package built the way a service's build makes one: handler classes
 * compiled with the system compiler at the zip's root, aws-lambda-java-core and aws-lambda-java-events
 * under {@code lib/}.
 */
final class LambdaFunctionFixture {

    private LambdaFunctionFixture() {
    }

    /** Compiles {@code sources} (class name to source) and zips the result in Lambda's Java layout. */
    static byte[] zip(Path dir, Map<String, String> sources) {
        try {
            Path src = dir.resolve("src");
            Path classes = dir.resolve("classes");
            Files.createDirectories(classes);
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
            }
            String[] files;
            try (Stream<Path> walk = Files.walk(src)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toArray(String[]::new);
            }
            List<Path> lib = List.of(jarOf(RequestHandler.class), jarOf(APIGatewayProxyRequestEvent.class));
            String classpath = String.join(File.pathSeparator, lib.stream().map(Path::toString).toList());
            String[] args = Stream.concat(Stream.of("-d", classes.toString(), "-cp", classpath,
                    "--release", "17"), Stream.of(files)).toArray(String[]::new);
            assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args)).as("compiling the function").isZero();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    zip.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
                    zip.write(Files.readAllBytes(file));
                    zip.closeEntry();
                }
                for (Path jar : lib) {
                    zip.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                    zip.write(Files.readAllBytes(jar));
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
        }
    }
}
