package dev.samstage.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseRevisionTest {

    private static final String A = "0123456789abcdef0123456789abcdef01234567";
    private static final String B = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir
    Path repo;

    @Test
    void codeBuildsResolvedSourceVersionWinsOverEverything() throws IOException {
        branchWithLooseRef();
        assertThat(ReleaseRevision.resolve(Map.of("CODEBUILD_RESOLVED_SOURCE_VERSION", B), repo.resolve("svc"), "1.0"))
                .isEqualTo(B);
    }

    @Test
    void aBranchCheckoutResolvesThroughItsLooseRefFromASubdirectory() throws IOException {
        branchWithLooseRef();
        assertThat(ReleaseRevision.resolve(Map.of(), repo.resolve("svc"), "1.0")).isEqualTo(A);
    }

    @Test
    void aPackedRefAndADetachedHeadResolveToo() throws IOException {
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/release\n");
        Files.writeString(repo.resolve(".git/packed-refs"), "# pack-refs with: peeled\n" + B + " refs/heads/release\n");
        assertThat(ReleaseRevision.gitCommit(repo)).contains(B);

        Files.writeString(repo.resolve(".git/HEAD"), A + "\n");
        assertThat(ReleaseRevision.gitCommit(repo)).contains(A);
    }

    @Test
    void aLinkedWorktreeReadsItsHeadAndTheSharedRefs() throws IOException {
        Path common = repo.resolve("main/.git");
        Path worktreeGit = common.resolve("worktrees/feature");
        Files.createDirectories(worktreeGit);
        Files.createDirectories(common.resolve("refs/heads"));
        Files.writeString(common.resolve("refs/heads/feature"), B + "\n");
        Files.writeString(worktreeGit.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(worktreeGit.resolve("commondir"), "../..\n");
        Files.createDirectories(repo.resolve("feature"));
        Files.writeString(repo.resolve("feature/.git"), "gitdir: " + worktreeGit + "\n");

        assertThat(ReleaseRevision.gitCommit(repo.resolve("feature"))).contains(B);
    }

    @Test
    void withoutCodeBuildOrCommitsTheProjectVersionIsTheRelease() throws IOException {
        Files.createDirectories(repo.resolve(".git/refs/heads"));
        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        assertThat(ReleaseRevision.resolve(Map.of("CODEBUILD_RESOLVED_SOURCE_VERSION", " "), repo, "1.4.0")).isEqualTo("1.4.0");
    }

    private void branchWithLooseRef() throws IOException {
        Files.createDirectories(repo.resolve(".git/refs/heads"));
        Files.createDirectories(repo.resolve("svc"));
        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(repo.resolve(".git/refs/heads/main"), A + "\n");
    }
}
