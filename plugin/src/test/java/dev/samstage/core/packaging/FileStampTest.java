package dev.samstage.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A stamp vouches for a file's bytes only when no write in its own clock tick could have left its times unchanged. */
class FileStampTest {

    private static final Instant TAKEN = Instant.parse("2026-12-05T10:00:00Z");
    private static final FileTime LAST_YEAR = FileTime.from(Instant.parse("2025-12-05T10:00:00Z"));
    private static final FileTime A_SECOND_BEFORE = FileTime.from(TAKEN.minusSeconds(1));

    @Test
    void aFileModifiedAndChangedLongBeforeItsStampIsNotRacy() {
        assertThat(new FileStamp(10, LAST_YEAR, LAST_YEAR, 1L, TAKEN).racy()).isFalse();
    }

    @Test
    void aFileModifiedMomentsBeforeItsStampIsRacy() {
        assertThat(new FileStamp(10, A_SECOND_BEFORE, A_SECOND_BEFORE, 1L, TAKEN).racy()).isTrue();
    }

    @Test
    void aFileWhoseOldModificationTimeWasPutBackMomentsAgoIsRacyByItsStatusChange() {
        assertThat(new FileStamp(10, LAST_YEAR, A_SECOND_BEFORE, 1L, TAKEN).racy()).isTrue();
    }

    @Test
    void theSameFileAtAnotherMomentIsTheSameButNotAnotherSizeTimeOrInode() {
        FileStamp stamp = new FileStamp(10, LAST_YEAR, LAST_YEAR, 1L, TAKEN);

        assertThat(stamp.sameFileAs(new FileStamp(10, LAST_YEAR, LAST_YEAR, 1L, TAKEN.plusSeconds(60)))).isTrue();
        assertThat(stamp.sameFileAs(new FileStamp(11, LAST_YEAR, LAST_YEAR, 1L, TAKEN))).isFalse();
        assertThat(stamp.sameFileAs(new FileStamp(10, A_SECOND_BEFORE, LAST_YEAR, 1L, TAKEN))).isFalse();
        assertThat(stamp.sameFileAs(new FileStamp(10, LAST_YEAR, A_SECOND_BEFORE, 1L, TAKEN))).isFalse();
        assertThat(stamp.sameFileAs(new FileStamp(10, LAST_YEAR, LAST_YEAR, 2L, TAKEN))).isFalse();
    }
}
