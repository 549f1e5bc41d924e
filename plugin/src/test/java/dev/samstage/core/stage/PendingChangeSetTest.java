package dev.samstage.core.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingChangeSetTest {

    static final String EU = "arn:aws:cloudformation:eu-west-1:333333333333:changeSet/samstage-1/a";
    static final String US = "arn:aws:cloudformation:us-east-1:333333333333:changeSet/samstage-1/b";

    @TempDir
    Path dir;

    @Test
    void theIdsAreWrittenAsTheChangeSetPropertyTakesThemAndReadBack() throws Exception {
        new PendingChangeSet(List.of(EU, US), "Stage prod: stack orders-prod in eu-west-1, 1 change: Modify Fn").write(dir);

        assertThat(Files.readString(dir.resolve("change-set-id"))).isEqualTo(EU + "," + US + "\n");
        assertThat(PendingChangeSet.read(dir)).hasValueSatisfying(p -> {
            assertThat(p.changeSetIds()).containsExactly(EU, US);
            assertThat(p.summary()).isEqualTo("Stage prod: stack orders-prod in eu-west-1, 1 change: Modify Fn");
        });
    }

    @Test
    void aSummaryIsOneLineShortEnoughForAnApprovalMessage() {
        PendingChangeSet pending = new PendingChangeSet(List.of(EU), "Stage prod:\n" + "Modify Fn, ".repeat(100));

        assertThat(pending.summary()).doesNotContain("\n").hasSize(PendingChangeSet.MAX_SUMMARY).endsWith("...");
    }

    @Test
    void anEmptyOrMissingFileMeansNothingIsPendingAndClearingRemovesBothFiles() throws Exception {
        assertThat(PendingChangeSet.read(dir)).isEmpty();
        Files.writeString(dir.resolve("change-set-id"), "\n");
        assertThat(PendingChangeSet.read(dir)).isEmpty();

        new PendingChangeSet(List.of(EU), "s").write(dir);
        PendingChangeSet.clear(dir);

        assertThat(dir.resolve("change-set-id")).doesNotExist();
        assertThat(dir.resolve("change-set-summary.txt")).doesNotExist();
    }
}
