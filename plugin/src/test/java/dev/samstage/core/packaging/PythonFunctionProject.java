package dev.samstage.core.packaging;

import dev.samstage.core.events.StageListener;
import dev.samstage.testing.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A SAM project with one Python function whose code is the directory {@code code/}, for packaging tests. */
public final class PythonFunctionProject {

    private final Path dir;

    private PythonFunctionProject(Path dir) {
        this.dir = dir;
    }

    /** Writes the template and a one-line handler below {@code dir}; more files go in {@link #code()}. */
    public static PythonFunctionProject create(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("code"));
        Files.writeString(dir.resolve("code/app.py"), "def handler(event, context):\n    return 1\n");
        Files.writeString(dir.resolve("template.yaml"),
                SamTemplate.sam().function("Fn", "code", "app.handler", "python3.12").yaml());
        return new PythonFunctionProject(dir);
    }

    public Path dir() {
        return dir;
    }

    /** The function's code directory. */
    public Path code() {
        return dir.resolve("code");
    }

    /** A request to package it into {@code bucket} under the prefix {@code svc}, with SSE-S3. */
    public PackageRequest request(String bucket) {
        return new PackageRequest(dir.resolve("template.yaml"), dir, dir.resolve("target/samstage/dev"),
                JavaBuildOutput.none(), bucket, "svc", Optional.empty());
    }

    /** Packages it into {@code bucket}; returns the key of the function's artifact. */
    public String packageInto(ArtifactStore store, String bucket, StageListener listener) {
        PackageResult result = new StagePackager(store, listener).packageTemplate(request(bucket));
        return result.artifacts().get(0).s3Uri().substring(("s3://" + bucket + "/").length());
    }
}
