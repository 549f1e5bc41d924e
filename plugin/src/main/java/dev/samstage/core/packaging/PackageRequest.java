package dev.samstage.core.packaging;

import dev.samstage.core.template.Template;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything one packaging run needs.
 *
 * @param templateFile the SAM or CloudFormation template (YAML or JSON)
 * @param projectDir   the project directory; local paths must stay inside it
 * @param outputDir    where the packaged template and manifest are written ({@code target/samstage/<env>})
 * @param build        the project's own build output, for functions whose code is the project
 * @param bucket       the artifact bucket ({@code -Dsamstage.bucket})
 * @param prefix       the key prefix ({@code -Dsamstage.prefix}); empty for none
 * @param kmsKeyId     KMS key id, ARN or alias for SSE-KMS ({@code -Dsamstage.kmsKeyId}); empty for SSE-S3
 * @param stageEdits   changes the stage makes to the top-level template before it is packaged (for example
 *                     its deployment preference); they run before anything is uploaded, so their errors do too
 * @param modules      the build output of the other Maven modules of the build, by their directory: a function
 *                     whose {@code CodeUri} names a module's directory gets that module's build output, never its
 *                     sources
 */
public record PackageRequest(Path templateFile, Path projectDir, Path outputDir, JavaBuildOutput build, String bucket,
                             String prefix, Optional<String> kmsKeyId, Consumer<Template> stageEdits,
                             Map<Path, JavaBuildOutput> modules) {

    /** A request for a project built on its own (no other modules). */
    public PackageRequest(Path templateFile, Path projectDir, Path outputDir, JavaBuildOutput build, String bucket,
                          String prefix, Optional<String> kmsKeyId, Consumer<Template> stageEdits) {
        this(templateFile, projectDir, outputDir, build, bucket, prefix, kmsKeyId, stageEdits, Map.of());
    }

    /** A request that packages the template as written. */
    public PackageRequest(Path templateFile, Path projectDir, Path outputDir, JavaBuildOutput build, String bucket,
                          String prefix, Optional<String> kmsKeyId) {
        this(templateFile, projectDir, outputDir, build, bucket, prefix, kmsKeyId, template -> { });
    }

    public PackageRequest {
        Objects.requireNonNull(templateFile, "templateFile");
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(bucket, "bucket");
        prefix = prefix == null ? "" : prefix;
        Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        Objects.requireNonNull(stageEdits, "stageEdits");
        modules = Map.copyOf(modules);
    }

    /** The destination, validated: bucket name and KMS key format. */
    ArtifactDestination destination() {
        return new ArtifactDestination(bucket, prefix, kmsKeyId.filter(k -> !k.isBlank()).map(KmsKeyReference::new));
    }
}
