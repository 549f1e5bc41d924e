package dev.samstage.maven;

import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.stage.StageCheck;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks the stage configuration and the SAM template without building or touching AWS.
 * Bound first in {@code package-stage}, so a mistyped {@code -Denv} or a broken template
 * fails before anything is built.
 */
@Mojo(name = "validate", threadSafe = true)
public class ValidateMojo extends AbstractStageMojo {

    @Override
    protected void execute(Environment stage, Path template, StageListener listener) {
        new StageCheck(listener).check(stage, template);
    }
}
