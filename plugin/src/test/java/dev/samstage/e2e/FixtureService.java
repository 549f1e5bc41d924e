package dev.samstage.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.samstage.core.packaging.JavaBuildOutput;
import dev.samstage.core.packaging.PackageRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.tools.ToolProvider;

/**
 * A small SAM service on disk, as a user's project would be after {@code mvn package}: a
 * template whose one function answers {@code GET /greeting} with the release compiled into
 * it, its classes compiled with the system Java compiler, and its one runtime dependency
 * (aws-lambda-java-core) beside them.
 */
final class FixtureService {

    static final String TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Description: greets with the release it was built from
            Parameters:
              Greeting:
                Type: String
            Resources:
              GreeterFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: chain.Greeter::handleRequest
                  Runtime: java21
                  CodeUri: .
                  Environment:
                    Variables:
                      GREETING: !Ref Greeting
                  Events:
                    Greet:
                      Type: Api
                      Properties:
                        Path: /greeting
                        Method: get
            Outputs:
              ApiUrl:
                Value: !Sub https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod
            """;

    private static final String HANDLER = """
            package chain;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;

            public class Greeter implements RequestHandler<Map<String, Object>, Map<String, Object>> {

                static final String RELEASE = "%s";

                @Override
                public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                    %s
                }
            }
            """;

    final Path dir;

    private FixtureService(Path dir) {
        this.dir = dir;
    }

    /** A service whose handler answers {@code release <release> says <GREETING>}. */
    static FixtureService create(Path dir, String release) {
        FixtureService service = new FixtureService(dir);
        service.write("template.yaml", TEMPLATE);
        service.build(release);
        return service;
    }

    /** Rebuilds the working copy with a handler that answers for {@code release}. */
    void build(String release) {
        compile(release, "return Map.of(\"statusCode\", 200, \"headers\", Map.of(\"Content-Type\", \"text/plain\"),\n"
                + "            \"body\", \"release \" + RELEASE + \" says \" + System.getenv(\"GREETING\"));");
    }

    /** Rebuilds the working copy with a handler that throws, as a release with a bug would. */
    void buildBroken(String release) {
        compile(release, "throw new IllegalStateException(\"release \" + RELEASE + \" lost its greeting\");");
    }

    private void compile(String release, String body) {
        Path source = write("src/main/java/chain/Greeter.java", HANDLER.formatted(release, body));
        Path classes = dir.resolve("target/classes");
        try {
            Files.createDirectories(classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", lambdaCore().toString(), "--release", "17", source.toString());
        assertThat(exit).as("compiling " + source).isZero();
    }

    /** What {@code mvn package} would have produced: classes plus the runtime jar. */
    JavaBuildOutput javaBuild() {
        return JavaBuildOutput.of(dir.resolve("target/classes"), List.of(lambdaCore()));
    }

    PackageRequest packageRequest(String bucket, Path outputDir) {
        return new PackageRequest(dir.resolve("template.yaml"), dir, outputDir, javaBuild(), bucket, "chain", Optional.empty());
    }

    private Path write(String relative, String content) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path lambdaCore() {
        return location(RequestHandler.class);
    }

    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the jar of " + type, e);
        }
    }
}
