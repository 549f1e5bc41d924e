package dev.samstage.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CompletedPart;

class MultipartPartsTest {

    private static final long MIB = 1L << 20;

    private static List<CompletedPart> parts(int... numbers) {
        return Arrays.stream(numbers).mapToObj(n -> CompletedPart.builder().partNumber(n).eTag("e" + n).build()).toList();
    }

    @Test
    void listsPartsThatFinishedOutOfOrderInAscendingPartNumber() {
        List<CompletedPart> ordered = MultipartParts.inOrder(parts(2, 3, 1, 4), 17 * MIB, 5 * MIB);

        assertThat(ordered).extracting(CompletedPart::partNumber).containsExactly(1, 2, 3, 4);
        assertThat(ordered).extracting(CompletedPart::eTag).containsExactly("e1", "e2", "e3", "e4");
    }

    @Test
    void refusesAMissingPartInsteadOfCompletingAShortObject() {
        assertThatThrownBy(() -> MultipartParts.inOrder(parts(1, 2, 4), 17 * MIB, 5 * MIB))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a multipart upload of 17825792 bytes in parts of 5242880 bytes needs 4 parts, not 3");
    }

    @Test
    void refusesADuplicatePart() {
        assertThatThrownBy(() -> MultipartParts.inOrder(parts(1, 2, 2, 4), 17 * MIB, 5 * MIB))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("part 3 of 4 is missing; parts sent: [1, 2, 2, 4]");
    }

    @Test
    void refusesPartsSmallerThanS3sMinimumAndMoreThanTenThousandParts() {
        assertThatThrownBy(() -> MultipartParts.inOrder(parts(1, 2), 6 * MIB, 4 * MIB))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("breaks S3's limits");
        assertThatThrownBy(() -> MultipartParts.inOrder(parts(1), 10_001 * 5 * MIB, 5 * MIB))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("breaks S3's limits");
    }

    @Test
    void aSmallObjectIsOnePartOfAnySize() {
        assertThat(MultipartParts.inOrder(parts(1), 10, 5 * MIB)).hasSize(1);
    }

    @Test
    void theTransferSettingsGrowThePartSizeSoNoObjectNeedsMoreThanTenThousandParts() {
        S3TransferSettings settings = S3TransferSettings.defaults();
        long fiveTerabytes = 5L * 1024 * 1024 * 1024 * 1024;

        long partSize = settings.partSizeFor(fiveTerabytes);

        assertThat((fiveTerabytes + partSize - 1) / partSize).isLessThanOrEqualTo(10_000);
        assertThat(settings.partSizeFor(100 * MIB)).isEqualTo(16 * MIB);
    }
}
