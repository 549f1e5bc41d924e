package dev.samstage.core.stage;

import dev.samstage.core.StageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A change set created for review and not executed yet, as kept in
 * {@code target/samstage/<env>/change-set-id}: the change set ARNs (one per region, separated by
 * commas, the form {@code -Dsamstage.changeSet} takes) on one line, and beside it
 * {@code change-set-summary.txt}, one line for a reviewer. A pipeline's change set action exports
 * both to the approval and execute actions; {@code verify} finds the id and does not test a stage
 * where nothing was executed. A deployment that executes removes both.
 *
 * @param changeSetIds the change set ARNs, in the stage's region order
 * @param summary      one line: the stack, its region(s) and the changes (may be empty)
 */
public record PendingChangeSet(List<String> changeSetIds, String summary) {

    /** The file name inside the stage's output directory. */
    public static final String FILE_NAME = "change-set-id";
    /** The one-line summary's file name inside the stage's output directory. */
    public static final String SUMMARY_FILE_NAME = "change-set-summary.txt";
    /**
     * Longest summary kept: a pipeline puts it, with the change set ARN, into a manual approval's
     * CustomData, which holds at most 500 characters
     * (https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html).
     */
    public static final int MAX_SUMMARY = 300;

    public PendingChangeSet {
        changeSetIds = List.copyOf(changeSetIds);
        summary = summary == null ? "" : summary.replaceAll("\\s+", " ").strip();
        if (summary.length() > MAX_SUMMARY) {
            summary = summary.substring(0, MAX_SUMMARY - 3) + "...";
        }
        if (changeSetIds.isEmpty() || changeSetIds.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw new IllegalArgumentException("changeSetIds: at least one, none blank");
        }
    }

    /** The value of {@code -Dsamstage.changeSet} that executes exactly these change sets. */
    public String propertyValue() {
        return String.join(",", changeSetIds);
    }

    /** Writes the file into {@code stageDir}, replacing an earlier one. */
    public Path write(Path stageDir) {
        Path file = stageDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(stageDir);
            Files.writeString(file, propertyValue() + "\n", StandardCharsets.UTF_8);
            Files.writeString(stageDir.resolve(SUMMARY_FILE_NAME), summary + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StageException("Could not write " + file + " (" + e.getMessage() + "); check the build directory is writable.", e);
        }
        return file;
    }

    /** The pending change set of the stage, empty when its last deployment executed (or none ran here). */
    public static Optional<PendingChangeSet> read(Path stageDir) {
        Path file = stageDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> ids = List.of(Files.readString(file, StandardCharsets.UTF_8).strip().split("\\s*,\\s*"));
            if (ids.stream().allMatch(String::isBlank)) {
                return Optional.empty();
            }
            Path summary = stageDir.resolve(SUMMARY_FILE_NAME);
            return Optional.of(new PendingChangeSet(ids.stream().filter(id -> !id.isBlank()).toList(),
                    Files.isRegularFile(summary) ? Files.readString(summary, StandardCharsets.UTF_8) : ""));
        } catch (IOException e) {
            throw new StageException("Could not read " + file + " (" + e.getMessage() + "); deploy the stage again.", e);
        }
    }

    /** Removes the file: the stage's change set was executed (or nothing was left to execute). */
    public static void clear(Path stageDir) {
        Path file = stageDir.resolve(FILE_NAME);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(stageDir.resolve(SUMMARY_FILE_NAME));
        } catch (IOException e) {
            throw new StageException("Could not remove " + file + " (" + e.getMessage() + "); delete it by hand.", e);
        }
    }
}
