package dev.samstage.sample.quotes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * What {@code GET /health} reports: the build's version (from {@code service.properties},
 * filtered by Maven) and the stage (the function's {@code STAGE} environment variable).
 *
 * @param name the service name
 * @param version the Maven project version
 * @param stage the stage the function runs in, {@code unknown} when not set
 */
public record ServiceInfo(String name, String version, String stage) {

    public static ServiceInfo fromPackage(UnaryOperator<String> environment) {
        Properties properties = new Properties();
        try (InputStream in = ServiceInfo.class.getResourceAsStream("/service.properties")) {
            if (in == null) {
                throw new IllegalStateException("service.properties is missing from the function package");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("service.properties cannot be read", e);
        }
        String stage = environment.apply("STAGE");
        return new ServiceInfo(properties.getProperty("service.name"), properties.getProperty("service.version"),
                stage == null || stage.isBlank() ? "unknown" : stage);
    }
}
