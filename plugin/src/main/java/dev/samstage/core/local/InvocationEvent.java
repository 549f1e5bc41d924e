package dev.samstage.core.local;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The event a local invocation hands to a function: {@code {}} when none is given, else a JSON
 * file (relative to the project directory) or one of the {@link SampleEvents} by name.
 *
 * @param source what the event came from, for messages ("sample sqs", a file path)
 * @param json   the event's JSON
 */
record InvocationEvent(String source, byte[] json) {

    static final String PROPERTY = "samstage.event";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param value the {@code samstage.event} value: null or blank for {@code {}} */
    static InvocationEvent resolve(String value, Path projectDir) {
        if (value == null || value.isBlank()) {
            return new InvocationEvent("an empty event", "{}".getBytes(StandardCharsets.UTF_8));
        }
        String name = value.trim();
        Path file = projectDir.resolve(name).toAbsolutePath().normalize();
        boolean looksLikeFile = name.endsWith(".json") || name.contains("/") || name.contains("\\");
        if (!looksLikeFile && !Files.exists(file)) {
            Optional<byte[]> sample = SampleEvents.named(name);
            return sample.map(json -> new InvocationEvent("sample event " + name, json)).orElseThrow(() ->
                new LocalStageException("No sample event named '" + name + "' and no file " + file + " (-D" + PROPERTY
                    + "); name a sample (" + String.join(", ", SampleEvents.NAMES) + ") or a JSON file"));
        }
        if (!Files.isRegularFile(file)) {
            throw new LocalStageException("Event file " + file + " (-D" + PROPERTY + "=" + name + ") does not exist;"
                + " give a JSON file relative to " + projectDir.toAbsolutePath().normalize() + " or a sample event name ("
                + String.join(", ", SampleEvents.NAMES) + ")");
        }
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LocalStageException("Cannot read event file " + file + " (-D" + PROPERTY + "): " + e.getMessage(), e);
        }
        try {
            var tree = JSON.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new LocalStageException("Event file " + file + " (-D" + PROPERTY + ") is empty; write the event as JSON");
            }
        } catch (JsonProcessingException e) {
            // Only the position: Jackson's own message quotes the file's text, which may be sensitive.
            JsonLocation at = e.getLocation();
            throw new LocalStageException("Event file " + file + " (-D" + PROPERTY + ") is not JSON"
                + (at == null ? "" : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                + "; write the event as JSON, e.g. start from a sample (" + String.join(", ", SampleEvents.NAMES) + ")");
        } catch (IOException e) {
            throw new LocalStageException("Cannot read event file " + file + " (-D" + PROPERTY + "): " + e.getMessage(), e);
        }
        return new InvocationEvent(file.toString(), json);
    }
}
