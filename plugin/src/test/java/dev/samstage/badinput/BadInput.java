package dev.samstage.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.samstage.core.StageException;
import dev.samstage.testing.aws.LocalAws;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.provider.Arguments;

/** What every bad input must do: fail with one clear line, leak nothing, change nothing in the local AWS. */
final class BadInput {

    private BadInput() {
    }

    /** A table row: what is wrong, how to make the run wrong, a fragment of the expected message. */
    static <R> Arguments row(String description, Consumer<R> input, String expected) {
        return arguments(description, input, expected);
    }

    static void failsWithOneLineAndChangesNothing(String description, ThrowingCallable run, String expected) {
        LocalAwsState before = LocalAwsState.read();

        assertThatThrownBy(run)
                .as(description)
                .isInstanceOf(StageException.class)
                .hasMessageContaining(expected)
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining(LocalAws.SECRET_KEY);

        assertThat(LocalAwsState.read()).isEqualTo(before);
    }

    /** Like {@link #failsWithOneLineAndChangesNothing}, with the whole line given. */
    static void failsWithExactlyAndChangesNothing(String description, ThrowingCallable run, String line) {
        LocalAwsState before = LocalAwsState.read();

        assertThatThrownBy(run)
                .as(description)
                .isInstanceOf(StageException.class)
                .hasMessage(line)
                .hasMessageNotContaining(LocalAws.SECRET_KEY);

        assertThat(LocalAwsState.read()).isEqualTo(before);
    }
}
