package dev.samstage.testing.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The extension behind {@link WithProbeService}: one deployment per test class, in the class's store. */
final class ProbeServiceExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProbeServiceExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ProbeService.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // the class's store, whether a constructor, a lifecycle method or a test asks: one deployment per class
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(ProbeService.class, key -> Deployment.create(), Deployment.class).service();
    }

    /** The service and the directory its code was compiled in, both gone when the class's store closes. */
    private record Deployment(ProbeService service, Path dir) implements AutoCloseable {

        static Deployment create() {
            try {
                Path dir = Files.createTempDirectory("probe-service");
                return new Deployment(ProbeService.deploy(dir), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the probe service deployed", e);
            }
        }

        @Override
        public void close() throws IOException {
            service.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
