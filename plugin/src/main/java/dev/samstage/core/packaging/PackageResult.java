package dev.samstage.core.packaging;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a packaging run produced.
 *
 * @param packagedTemplate the packaged template ({@code packaged-template.yaml} or {@code .json})
 * @param templateUrl      where the packaged template was uploaded when it exceeds 51,200 bytes
 *                         (CloudFormation then reads it by URL)
 * @param manifest         the {@code package-manifest.json} written beside it
 * @param artifacts        every packaged property
 * @param bytesUploaded    bytes sent by this run
 * @param uploaded         objects this run uploaded
 * @param reused           objects that were already stored
 */
public record PackageResult(Path packagedTemplate, Optional<String> templateUrl, Path manifest,
                            List<ManifestEntry> artifacts, long bytesUploaded, int uploaded, int reused) {

    public PackageResult {
        artifacts = List.copyOf(artifacts);
    }
}
