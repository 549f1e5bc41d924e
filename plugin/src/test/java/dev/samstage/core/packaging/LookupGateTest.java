package dev.samstage.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** An artifact is zipped while the store is asked for an object to reuse; the upload hears of it only once the answer is no. */
class LookupGateTest {

    private final List<String> upload = new ArrayList<>();
    private final WrittenBytes toUpload = (end, heldFrom, heldTo) -> upload.add(end + " " + heldFrom + "-" + heldTo);
    private final CompletableFuture<Optional<String>> lookup = new CompletableFuture<>();
    private final LookupGate<String> gate = new LookupGate<>(lookup, toUpload);

    @Test
    void holdsTheWritersReportsUntilTheLookupFindsNothingThenPassesOnTheLatest() {
        gate.written(100, 0, 30);
        gate.written(200, 0, 30);

        assertThat(upload).isEmpty();
        lookup.complete(Optional.empty());
        gate.written(300, 0, 0);
        gate.written(400, 0, 0);

        assertThat(upload).containsExactly("300 0-0", "400 0-0");
        assertThat(gate.await()).isEmpty();
        assertThat(upload).as("nothing reported twice").hasSize(2);
    }

    @Test
    void passesOnTheLastReportWhenTheWriterFinishedBeforeTheLookupAnswered() {
        gate.written(100, 0, 30);
        gate.written(150, 0, 0);
        lookup.complete(Optional.empty());

        assertThat(gate.await()).isEmpty();
        assertThat(upload).containsExactly("150 0-0");
    }

    @Test
    void stopsTheWriterAtItsNextReportOnceAnObjectToReuseIsFoundAndTellsTheUploadNothing() {
        gate.written(100, 0, 30);
        lookup.complete(Optional.of("reused"));

        assertThatThrownBy(() -> gate.written(200, 0, 0)).isInstanceOf(LookupGate.Reusable.class);
        assertThat(gate.await()).contains("reused");
        assertThat(upload).isEmpty();
    }

    @Test
    void aFailedLookupFailsTheWriterWithItsOwnError() {
        lookup.completeExceptionally(new PackagingException("The artifact bucket 'b' is not accessible"));

        assertThatThrownBy(() -> gate.written(100, 0, 0)).isInstanceOf(PackagingException.class)
                .hasMessage("The artifact bucket 'b' is not accessible");
        assertThat(upload).isEmpty();
    }
}
