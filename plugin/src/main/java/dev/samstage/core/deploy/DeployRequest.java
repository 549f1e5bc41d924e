package dev.samstage.core.deploy;

import dev.samstage.core.config.Environment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployment of a packaged template to a stage.
 *
 * @param env                  the resolved stage
 * @param projectName          names the conventional deployment role and the session
 * @param packagedTemplate     the template the package step wrote (artifact locations in S3)
 * @param templateUrl          where the package step uploaded the template (templates over
 *                             51,200 bytes must be deployed from S3)
 * @param outputDir            where outputs.json and change-set.json go ({@code target/samstage/<env>})
 * @param changeSetId          a reviewed change set to execute ({@code -Dsamstage.changeSet}); with several
 *                             regions, comma-separated ARNs (each names its region) or one change set name
 * @param failOnEmptyChangeSet fail when there is nothing to change, instead of succeeding
 * @param extraTags            stack tags added by the caller (over the stage's tags)
 */
public record DeployRequest(Environment env, String projectName, Path packagedTemplate, Optional<String> templateUrl,
                            Path outputDir, Optional<String> changeSetId, boolean failOnEmptyChangeSet,
                            Map<String, String> extraTags) {

    public DeployRequest {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(projectName, "projectName");
        Objects.requireNonNull(packagedTemplate, "packagedTemplate");
        Objects.requireNonNull(outputDir, "outputDir");
        templateUrl = templateUrl == null ? Optional.empty() : templateUrl.filter(s -> !s.isBlank());
        changeSetId = changeSetId == null ? Optional.empty() : changeSetId.filter(s -> !s.isBlank());
        extraTags = Map.copyOf(extraTags == null ? Map.of() : extraTags);
        if (env.isLocal()) {
            throw new IllegalArgumentException("env: the local stage is not deployed to AWS");
        }
        if (env.regions().isEmpty()) {
            throw new IllegalArgumentException("env: stage " + env.name() + " has no region");
        }
    }
}
