package dev.samstage.maven;

import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;

/**
 * Closes what the stage goals started ahead of time and nobody used, such as an S3 client the
 * validate goal started for a package goal that never ran because the build failed first.
 * Registered in {@code META-INF/plexus/components.xml}; Maven calls it for build extensions,
 * which the plugin is when a project uses the stage lifecycle.
 */
public class SessionEndCleanup extends AbstractMavenLifecycleParticipant {

    @Override
    public void afterSessionEnd(MavenSession session) {
        EarlyArtifactStores.closeAll(session.getRequest());
    }
}
