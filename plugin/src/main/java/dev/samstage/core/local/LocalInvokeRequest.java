package dev.samstage.core.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a local invocation of one function needs.
 *
 * @param stage      the local stage's request: template, class paths, parameter overrides,
 *                   credentials (its port is not used: nothing listens)
 * @param functionId the function's logical id in the template ({@code samstage.function})
 * @param event      {@code samstage.event}: a JSON file relative to the project directory, a
 *                   sample event name ({@link SampleEvents#NAMES}), or null for {@code {}}
 * @param outputDir  where the result is written, as {@code <functionId>.json}
 */
public record LocalInvokeRequest(LocalStageRequest stage, String functionId, String event, Path outputDir) {

    public LocalInvokeRequest {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(outputDir, "outputDir");
    }
}
