package dev.samstage.core.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A function's result from a local invocation.
 *
 * @param functionId the function that ran
 * @param result     the JSON the handler returned (as Lambda serializes it)
 * @param resultFile where that JSON was written
 */
public record LocalInvocation(String functionId, byte[] result, Path resultFile) {

    public String resultText() {
        return new String(result, StandardCharsets.UTF_8);
    }
}
