package dev.samstage.core.packaging;

import dev.samstage.testing.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A small SAM project on disk with one file for every kind of packageable property. */
final class SampleProject {

    final Path dir;

    private SampleProject(Path dir) {
        this.dir = dir;
    }

    static SampleProject create(Path dir) {
        SampleProject project = new SampleProject(dir);
        project.file("code/app.py", "def handler(event, context):\n    return {'statusCode': 200}\n");
        project.file("code/lib/util.py", "X = 1\n");
        project.file("layer/python/shared.py", "Y = 2\n");
        project.file("api/openapi.yaml", "openapi: 3.0.1\ninfo:\n  title: api\n  version: '1'\npaths: {}\n");
        project.file("statemachine/flow.asl.json", "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}");
        project.file("graphql/schema.graphql", "type Query { hello: String }\nschema { query: Query }\n");
        project.file("graphql/request.vtl", "{\"version\": \"2017-02-28\", \"payload\": {}}\n");
        project.file("graphql/response.vtl", "$util.toJson($context.result)\n");
        project.file("graphql/resolver.js", "export function request(ctx) { return {}; }\n");
        project.file("glue/job.py", "print('glue')\n");
        project.file("bundle/site.zip", "not really a zip, uploaded as is");
        project.file("include/snippet.yaml", "Type: AWS::SNS::Topic\n");
        project.file("nested/child.yaml",
                SamTemplate.sam().function("ChildFunction", "../code", "app.handler", "python3.12").yaml());
        project.file("target/classes/com/example/Handler.class", "compiled");
        project.file("target/classes/log4j2.xml", "<Configuration/>");
        project.file("target/lib/jackson-core-2.20.0.jar", "jar one");
        project.file("target/lib/aws-lambda-java-core-1.3.0.jar", "jar two");
        project.file("target/service-1.0-shaded.jar", "shaded");
        project.touchAll(Instant.now());
        return project;
    }

    JavaBuildOutput javaBuild() {
        return new JavaBuildOutput(dir.resolve("target/classes"),
                List.of(dir.resolve("target/lib/jackson-core-2.20.0.jar"),
                        dir.resolve("target/lib/aws-lambda-java-core-1.3.0.jar")), Optional.empty());
    }

    Path template(String yaml) {
        return file("template.yaml", yaml);
    }

    Path file(String relative, String content) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void touchAll(Instant when) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(when));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PackageRequest request(String bucket, Optional<String> kmsKey) {
        return new PackageRequest(dir.resolve("template.yaml"), dir, dir.resolve("target/samstage/dev"), javaBuild(),
                bucket, "svc", kmsKey);
    }
}
