package dev.samstage.testing.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.lambda.runtime.HandlerMethod;
import dev.samstage.testing.aws.lambda.LambdaBootstrap;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The class path of the Lambda bootstrap ({@link LambdaBootstrap}) that the local AWS runs Java
 * functions with: this module's classes, samstage-lambda-runtime and Jackson, found where this JVM loaded them from. Handed
 * to {@code local_aws.py} in the environment variable {@value #VARIABLE} (the Maven ITs set it
 * from the plugin's dependencies, see {@code plugin/pom.xml}).
 */
final class LambdaClasspath {

    static final String VARIABLE = "SAMSTAGE_LAMBDA_CLASSPATH";

    private LambdaClasspath() {
    }

    static String ofThisJvm() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : new Class<?>[] {LambdaBootstrap.class, HandlerMethod.class, ObjectMapper.class, JsonParser.class, JsonInclude.class}) {
            entries.add(location(type).toString());
        }
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read where " + type.getName() + " was loaded from", e);
        }
    }
}
