package dev.samstage.testkit.launch;

import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The summary the plugin reads after the suite JVM exits, as JSON:
 * {@code {"found":5,"succeeded":4,"failed":1,"skipped":0,"failures":[{"test":"...","message":"..."}]}}.
 * Aborted tests (failed assumptions) count as skipped, as in Surefire; a failing container
 * counts as a failure. Written by hand so the launcher needs nothing beyond the JUnit
 * Platform on the service's class path.
 */
final class SummaryFile {

    private SummaryFile() {
    }

    static void write(Path file, TestExecutionSummary summary, List<FailureCollector.Failure> failures) throws IOException {
        StringBuilder json = new StringBuilder("{");
        json.append("\"found\":").append(summary.getTestsFoundCount());
        json.append(",\"succeeded\":").append(summary.getTestsSucceededCount());
        json.append(",\"failed\":").append(summary.getTotalFailureCount());
        json.append(",\"skipped\":").append(summary.getTestsSkippedCount() + summary.getTestsAbortedCount());
        json.append(",\"failures\":[");
        for (int i = 0; i < failures.size(); i++) {
            FailureCollector.Failure failure = failures.get(i);
            json.append(i == 0 ? "" : ",")
                .append("{\"test\":").append(quote(failure.test()))
                .append(",\"message\":").append(quote(failure.message())).append('}');
        }
        json.append("]}\n");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
