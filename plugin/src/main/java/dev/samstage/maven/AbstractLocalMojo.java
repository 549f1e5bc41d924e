package dev.samstage.maven;

import dev.samstage.core.config.Environment;

/**
 * Goals that exist to run the service in this JVM ({@code run}, {@code invoke}): their stage is
 * the local one unless {@code -Denv} names another.
 */
abstract class AbstractLocalMojo extends AbstractStageMojo {

    @Override
    protected final String defaultStage() {
        return Environment.LOCAL;
    }
}
