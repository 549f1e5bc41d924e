package dev.samstage.core.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which release a build is: {@code CODEBUILD_RESOLVED_SOURCE_VERSION} in CodeBuild, else the
 * commit checked out in the project's git repository (read from {@code .git}: {@code HEAD},
 * loose refs, {@code packed-refs}, linked worktrees), else the project version.
 */
public final class ReleaseRevision {

    static final String CODEBUILD_VARIABLE = "CODEBUILD_RESOLVED_SOURCE_VERSION";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    private ReleaseRevision() {
    }

    /**
     * @param environment    the process environment (System.getenv())
     * @param projectDir     the project's base directory; the repository may be in a parent
     * @param projectVersion the fallback
     */
    public static String resolve(Map<String, String> environment, Path projectDir, String projectVersion) {
        String fromCodeBuild = environment.get(CODEBUILD_VARIABLE);
        if (fromCodeBuild != null && !fromCodeBuild.isBlank()) {
            return fromCodeBuild.trim();
        }
        return gitCommit(projectDir).orElse(projectVersion);
    }

    /** The commit HEAD points at, if {@code dir} or a parent is a git checkout with at least one commit. */
    public static Optional<String> gitCommit(Path dir) {
        try {
            for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
                Path dotGit = d.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return head(dotGit, dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    // a linked worktree or submodule: ".git" names the real git directory
                    String pointer = read(dotGit).orElse("");
                    if (!pointer.startsWith("gitdir:")) {
                        return Optional.empty();
                    }
                    Path gitDir = d.resolve(pointer.substring("gitdir:".length()).trim()).normalize();
                    Path common = read(gitDir.resolve("commondir")).map(c -> gitDir.resolve(c).normalize()).orElse(gitDir);
                    return head(gitDir, common);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> head(Path gitDir, Path commonDir) throws IOException {
        Optional<String> head = read(gitDir.resolve("HEAD"));
        if (head.isEmpty()) {
            return Optional.empty();
        }
        String h = head.get();
        if (SHA.matcher(h).matches()) {
            return Optional.of(h); // detached HEAD, as CI checkouts often are
        }
        if (!h.startsWith("ref:")) {
            return Optional.empty();
        }
        String ref = h.substring(4).trim();
        for (Path base : List.of(gitDir, commonDir)) {
            Optional<String> loose = read(base.resolve(ref)).filter(s -> SHA.matcher(s).matches());
            if (loose.isPresent()) {
                return loose;
            }
        }
        Optional<String> packed = read(commonDir.resolve("packed-refs"));
        if (packed.isPresent()) {
            for (String line : packed.get().split("\n")) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && parts[1].equals(ref) && SHA.matcher(parts[0]).matches()) {
                    return Optional.of(parts[0]);
                }
            }
        }
        return Optional.empty(); // a branch without commits yet
    }

    private static Optional<String> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()) : Optional.empty();
    }
}
