package dev.samstage.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.samstage.core.StageException;
import dev.samstage.testing.aws.LocalAws;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
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
        failsAndChangesNothing(description, run, message -> message.hasMessageContaining(expected).hasMessageNotContaining("\n"));
    }

    /** Like {@link #failsWithOneLineAndChangesNothing}, with the whole line given. */
    static void failsWithExactlyAndChangesNothing(String description, ThrowingCallable run, String line) {
        failsAndChangesNothing(description, run, message -> message.hasMessage(line));
    }

    private static void failsAndChangesNothing(String description, ThrowingCallable run,
                                               Consumer<AbstractThrowableAssert<?, ? extends Throwable>> message) {
        LocalAwsState before = LocalAwsState.read();

        message.accept(assertThatThrownBy(run)
                .as(description)
                .isInstanceOf(StageException.class)
                .hasMessageNotContaining(LocalAws.SECRET_KEY));

        assertThat(LocalAwsState.read()).isEqualTo(before);
    }
}
