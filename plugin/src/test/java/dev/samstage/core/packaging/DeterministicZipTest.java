package dev.samstage.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterministicZipTest {

    @TempDir
    Path temp;

    @Test
    void zipsTwoCopiesOfATreeToIdenticalBytesWhateverTheirTimestampsAndLocation() throws IOException {
        Path one = tree(temp.resolve("clone-one"), Instant.parse("2021-03-04T05:06:07Z"));
        Path two = tree(temp.resolve("elsewhere/clone-two"), Instant.parse("2025-11-12T13:14:15Z"));

        DeterministicZip.Written first = DeterministicZip.write(ArchiveContent.ofDirectory(one), temp.resolve("1.zip"));
        DeterministicZip.Written second = DeterministicZip.write(ArchiveContent.ofDirectory(two), temp.resolve("2.zip"));

        assertThat(Files.readAllBytes(first.file())).isEqualTo(Files.readAllBytes(second.file()));
        assertThat(ArchiveContent.ofDirectory(one).sha256()).isEqualTo(ArchiveContent.ofDirectory(two).sha256());
        assertThat(first.bytes()).isEqualTo(Files.size(first.file()));
    }

    @Test
    void writesSortedEntriesWithTheZipEpochAndFixedModesThatAnotherReaderAccepts() throws IOException {
        Path root = tree(temp.resolve("src"), Instant.now());
        Path zip = DeterministicZip.write(ArchiveContent.ofDirectory(root), temp.resolve("out.zip")).file();

        PythonScript.Result listing = PythonScript.run("zip_listing.py", zip.toString());

        assertThat(listing.ok()).as(listing.output()).isTrue();
        assertThat(listing.output().lines()).containsExactly(
                "bin/\t40755\t1980-01-01T00:00:00\t0",
                "bin/run.sh\t100755\t1980-01-01T00:00:00\t10",
                "com/\t40755\t1980-01-01T00:00:00\t0",
                "com/example/\t40755\t1980-01-01T00:00:00\t0",
                "com/example/Handler.class\t100644\t1980-01-01T00:00:00\t4096",
                "com/example/empty.txt\t100644\t1980-01-01T00:00:00\t0",
                "deps.jar\t100644\t1980-01-01T00:00:00\t2048",
                "z\u00fcrich.txt\t100644\t1980-01-01T00:00:00\t6");
    }

    @Test
    void hashesNamesModesAndBytesButNotTimestamps() throws IOException {
        Path root = tree(temp.resolve("src"), Instant.parse("2020-01-01T00:00:00Z"));
        String original = ArchiveContent.ofDirectory(root).sha256();

        Files.setLastModifiedTime(root.resolve("deps.jar"), FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        assertThat(ArchiveContent.ofDirectory(root).sha256()).isEqualTo(original);

        Files.setPosixFilePermissions(root.resolve("deps.jar"), PosixFilePermissions.fromString("rwxr-xr-x"));
        String executable = ArchiveContent.ofDirectory(root).sha256();
        assertThat(executable).isNotEqualTo(original);

        Files.move(root.resolve("deps.jar"), root.resolve("dependencies.jar"));
        String renamed = ArchiveContent.ofDirectory(root).sha256();
        assertThat(renamed).isNotIn(original, executable);

        Files.writeString(root.resolve("z\u00fcrich.txt"), "gruezi");
        assertThat(ArchiveContent.ofDirectory(root).sha256()).isNotIn(original, executable, renamed);
    }

    @Test
    void laysJavaCodeOutWithClassesAtTheRootAndDependencyJarsUnderLib() throws IOException {
        Path classes = Files.createDirectories(temp.resolve("target/classes/com/example")).getParent().getParent();
        Files.writeString(classes.resolve("com/example/App.class"), "class bytes");
        Files.writeString(classes.resolve("application.properties"), "a=b");
        Path jars = Files.createDirectories(temp.resolve("repo"));
        Path jackson = Files.write(jars.resolve("jackson-core-2.20.0.jar"), new byte[]{1, 2, 3});
        Path lambda = Files.write(jars.resolve("aws-lambda-java-core-1.3.0.jar"), new byte[]{4, 5});

        Path zip = DeterministicZip.write(ArchiveContent.ofJavaLayout(classes, List.of(jackson, lambda)),
                temp.resolve("fn.zip")).file();

        assertThat(PythonScript.run("zip_listing.py", zip.toString()).output().lines().map(l -> l.split("\t")[0]))
                .containsExactly("application.properties", "com/", "com/example/", "com/example/App.class", "lib/",
                        "lib/aws-lambda-java-core-1.3.0.jar", "lib/jackson-core-2.20.0.jar");
    }

    @Test
    void streamsAFileLargerThanTheHeapWouldComfortablyHold() throws IOException {
        Path root = Files.createDirectories(temp.resolve("big"));
        Path data = root.resolve("data.bin");
        byte[] chunk = new byte[1 << 20];
        new Random(7).nextBytes(chunk);
        try (var out = Files.newOutputStream(data)) {
            for (int i = 0; i < 48; i++) {
                out.write(chunk);
            }
        }
        ArchiveContent content = ArchiveContent.ofDirectory(root);

        DeterministicZip.Written written = DeterministicZip.write(content, temp.resolve("big.zip"));

        assertThat(PythonScript.run("zip_listing.py", written.file().toString()).output())
                .isEqualTo("data.bin\t100644\t1980-01-01T00:00:00\t" + (48L << 20));
    }

    @Test
    void storesWhatDoesNotCompressAndDeflatesTheRestWhateverTheNames() throws IOException {
        Path root = Files.createDirectories(temp.resolve("mixed"));
        Files.write(root.resolve("native.bin"), bytes(300 * 1024, 3));   // random, streamed
        Files.write(root.resolve("seed.dat"), bytes(10 * 1024, 4));      // random, compressed in memory
        Files.write(root.resolve("data.json"), text(300 * 1024));        // compressible, streamed
        Files.write(root.resolve("App.class"), text(5000));              // compressible, in memory
        Files.write(root.resolve("lib.jar"), text(5000));                // compressible, but a jar: stored
        Files.write(root.resolve("empty.txt"), new byte[0]);

        DeterministicZip.Written first = DeterministicZip.write(ArchiveContent.ofDirectory(root), temp.resolve("1.zip"));
        DeterministicZip.Written second = DeterministicZip.write(ArchiveContent.ofDirectory(root), temp.resolve("2.zip"));

        assertThat(Files.readAllBytes(first.file())).isEqualTo(Files.readAllBytes(second.file()));
        try (ZipFile zip = new ZipFile(first.file().toFile())) {
            assertThat(zip.stream().collect(Collectors.toMap(ZipEntry::getName, ZipEntry::getMethod))).containsOnly(
                    Map.entry("App.class", ZipEntry.DEFLATED), Map.entry("data.json", ZipEntry.DEFLATED),
                    Map.entry("empty.txt", ZipEntry.STORED), Map.entry("lib.jar", ZipEntry.STORED),
                    Map.entry("native.bin", ZipEntry.STORED), Map.entry("seed.dat", ZipEntry.STORED));
        }
        // a streaming reader trusts the local headers alone: their sizes and CRCs must be complete
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(first.file()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertThat(in.readAllBytes()).as(entry.getName())
                        .isEqualTo(Files.readAllBytes(root.resolve(entry.getName())));
            }
        }
    }

    @Test
    void reportsAsFinalOnlyBytesThatNeverChangeAgain() throws IOException {
        Path root = Files.createDirectories(temp.resolve("parts"));
        for (int i = 0; i < 4; i++) {
            Files.write(root.resolve("big-" + i + ".bin"), bytes(300 * 1024, i));
            Files.write(root.resolve("text-" + i + ".txt"), text(200 * 1024 + i));
            Files.write(root.resolve("small-" + i + ".txt"), text(1000 + i));
        }
        Path target = temp.resolve("watched.zip");
        List<byte[]> snapshots = new ArrayList<>();
        List<long[]> reports = new ArrayList<>();

        DeterministicZip.write(ArchiveContent.ofDirectory(root), target, (end, heldFrom, heldTo) -> {
            try {
                byte[] now = Files.readAllBytes(target);
                assertThat(now.length).isGreaterThanOrEqualTo((int) end);
                snapshots.add(now);
                reports.add(new long[]{end, heldFrom, heldTo});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Map.of());

        byte[] last = Files.readAllBytes(target);
        assertThat(reports).hasSizeGreaterThan(2).last().satisfies(r -> assertThat(r[0]).isEqualTo(last.length));
        assertThat(reports).anySatisfy(r -> assertThat(r[2]).isGreaterThan(r[1]));
        for (int i = 0; i < reports.size(); i++) {
            long[] r = reports.get(i);
            for (int b = 0; b < r[0]; b++) {
                if (b < r[1] || b >= r[2]) {
                    assertThat(snapshots.get(i)[b]).as("byte %d reported final after %d bytes", b, r[0])
                            .isEqualTo(last[b]);
                }
            }
        }
    }

    @Test
    void refusesToZipAFileWhoseBytesChangedAfterTheKeyWasHashedEvenWithItsOldTimesPutBack() throws IOException {
        Path root = Files.createDirectories(temp.resolve("edited"));
        Path handler = root.resolve("Handler.class");
        Files.write(handler, text(4000));
        FileTime old = FileTime.from(Instant.parse("2024-01-02T03:04:05Z"));
        Files.setLastModifiedTime(handler, old);
        ArchiveContent content = ArchiveContent.ofDirectory(root);
        ContentHash hash = content.hash();

        Files.write(handler, Arrays.copyOf(text(4001), 4000));   // same size, other bytes
        Files.setLastModifiedTime(handler, old);                 // as a tool that keeps times would

        assertThatThrownBy(() -> DeterministicZip.write(content, temp.resolve("edited.zip"), WrittenBytes.NONE, hash.files()))
                .isInstanceOf(PackagingException.class)
                .hasMessage("The file " + handler + " changed while it was being packaged (after its content hash was"
                        + " taken); run the build again once nothing writes to it.");
    }

    @Test
    void checksAFileWrittenMomentsBeforeItsHashByItsBytesAsItsTimesMightNotHaveMovedYet() throws IOException {
        Path root = Files.createDirectories(temp.resolve("fresh"));
        Path fresh = root.resolve("Fresh.class");
        Files.write(fresh, text(3000));
        ArchiveContent content = ArchiveContent.ofDirectory(root);

        ContentHash hash = content.hash();
        // stands for a write in the same clock tick: the stamp is as it was, the recorded bytes are not
        Map<Path, HashedFile> sameTimesOtherBytes = Map.of(
                fresh, new HashedFile(hash.files().get(fresh).stamp(), Optional.of("0".repeat(64))));

        assertThat(hash.files().get(fresh).ownSha256()).isPresent();
        assertThat(DeterministicZip.write(content, temp.resolve("same.zip"), WrittenBytes.NONE, hash.files()).bytes())
                .isPositive();
        assertThatThrownBy(() -> DeterministicZip.write(content, temp.resolve("other.zip"), WrittenBytes.NONE,
                sameTimesOtherBytes))
                .isInstanceOf(PackagingException.class)
                .hasMessageStartingWith("The file " + fresh + " changed while it was being packaged");
    }

    private static Path tree(Path root, Instant mtime) throws IOException {
        Files.createDirectories(root.resolve("com/example"));
        Files.createDirectories(root.resolve("bin"));
        Files.write(root.resolve("com/example/Handler.class"), bytes(4096, 1));
        Files.write(root.resolve("com/example/empty.txt"), new byte[0]);
        Files.write(root.resolve("deps.jar"), bytes(2048, 2));
        Files.writeString(root.resolve("bin/run.sh"), "#!/bin/sh\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(root.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(root.resolve("z\u00fcrich.txt"), "gr\u00fcezi", StandardCharsets.ISO_8859_1);
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(mtime));
            }
        }
        return root;
    }

    /** Compressible bytes: words from a small vocabulary, as in source and class files. */
    private static byte[] text(int size) {
        String[] words = {"public ", "static ", "final ", "class ", "return ", "String ", "value", "; ", "\n"};
        StringBuilder out = new StringBuilder(size + 16);
        Random random = new Random(size);
        while (out.length() < size) {
            out.append(words[random.nextInt(words.length)]);
        }
        return out.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
