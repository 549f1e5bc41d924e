package dev.samstage.maven;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.release.ReleaseStatusReport;
import dev.samstage.core.release.StageLedgers;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Mojo;

/** Shows which release each stage holds, which wait to enter, and the latest decisions in {@code -Denv}. */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractReleaseMojo {

    @Override
    protected void execute(Environment stage, Path template, StageListener listener) {
        try (AwsClientFactory base = AwsClientFactory.create(AbstractProductMojo.region(stage), awsEndpoint().orElse(null));
             StageLedgers ledgers = openLedgers(base, listener)) {
            for (String line : ReleaseStatusReport.lines(ledgers.ledger().statusOfAll(), stage.name())) {
                listener.on(StageEvent.info(line));
            }
        }
    }
}
