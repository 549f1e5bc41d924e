package dev.samstage.core.packaging;

import dev.samstage.testing.aws.LocalAwsClients;
import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.aws.AwsClientFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Whatever the shape of a function's code, the object that lands in S3 is the zip that was
 * built, byte for byte, and holds every source file unchanged. The shapes land the zip just
 * under, on and just over each part boundary (one part, 2, 3 and 7 or more parts), and mix
 * many small files, deflated text, stored incompressible data and one large incompressible file.
 */
class ArtifactReadBackProperties {

    private static final long PART = 5L << 20;
    private static final S3TransferSettings SETTINGS = new S3TransferSettings(PART, PART, 4, 3);

    private AwsClientFactory clients;
    private S3Client s3;
    private S3ArtifactStore store;
    private Path temp;

    /** What one function's code directory holds, and the zip size to land on. */
    record Shape(int fullParts, long offset, int smallFiles, int textBytes, int randomBytes, long seed) {
        long targetZipSize() {
            return fullParts * PART + offset;
        }
    }

    @BeforeProperty
    void aBucket() throws IOException {
        clients = LocalAwsClients.fresh("us-east-1");
        s3 = clients.s3();
        s3.createBucket(b -> b.bucket("artifacts"));
        store = new S3ArtifactStore(s3, clients.kms(), "us-east-1", clients.endpoint().orElseThrow(), SETTINGS);
        temp = Files.createTempDirectory("read-back-");
    }

    @AfterProperty
    void close() {
        store.close();
        s3.close();
        clients.close();
        delete(temp);
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<Integer> fullParts = Arbitraries.of(0, 1, 2, 3, 6, 7);
        Arbitrary<Long> offset = Arbitraries.oneOf(Arbitraries.of(-1L, 0L, 1L),
                Arbitraries.longs().between(-PART / 2, PART / 2));
        return Combinators.combine(fullParts, offset,
                Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(0, 2 << 20),
                Arbitraries.integers().between(0, 3 << 20),
                Arbitraries.longs()).as(Shape::new);
    }

    @Property(tries = 16, shrinking = ShrinkingMode.OFF)
    void theStoredObjectIsTheBuiltZipAndHoldsEverySourceFile(@ForAll("shapes") Shape shape) throws IOException {
        long target = shape.fullParts() == 0 ? Math.abs(shape.offset()) + 4096 : shape.targetZipSize();
        PythonFunctionProject project = PythonFunctionProject.create(Files.createTempDirectory(temp, "project-"));
        Path code = project.code();
        Random random = new Random(shape.seed());
        writeExtras(code, shape, random);
        byte[] built = landOn(code, target, random);
        Assume.that(built != null); // the extras alone were larger than the target

        String key = project.packageInto(store, "artifacts", event -> { });

        byte[] stored = s3.getObject(b -> b.bucket("artifacts").key(key), ResponseTransformer.toBytes()).asByteArray();
        assertThat(stored.length).as("the zip's size").isEqualTo(target);
        assertThat(stored).as("the object read back is the zip that was built").isEqualTo(built);
        String eTag = s3.headObject(b -> b.bucket("artifacts").key(key)).eTag();
        if (eTag.contains("-")) {
            assertThat(eTag).as("parts of " + target + " bytes").endsWith("-" + (target + PART - 1) / PART + "\"");
        }
        assertThat(entries(stored)).as("every entry's bytes").isEqualTo(files(code));
        s3.deleteObject(b -> b.bucket("artifacts").key(key));
        delete(project.dir());
    }

    /** Many small files, compressible text (deflated), incompressible data (stored after a trial). */
    private static void writeExtras(Path code, Shape shape, Random random) throws IOException {
        Files.createDirectories(code.resolve("small"));
        for (int i = 0; i < shape.smallFiles(); i++) {
            Files.writeString(code.resolve("small/f" + i + ".txt"), "file " + i + " " + random.nextInt());
        }
        StringBuilder text = new StringBuilder();
        while (text.length() < shape.textBytes()) {
            text.append("line ").append(text.length() % 977).append(" of compressible text\n");
        }
        Files.writeString(code.resolve("text.txt"), text);
        byte[] noise = new byte[shape.randomBytes()];
        random.nextBytes(noise);
        Files.write(code.resolve("noise.bin"), noise);
        Files.write(code.resolve("empty.txt"), new byte[0]);
    }

    /**
     * Adds one large incompressible file ({@code filler.jpg}, stored) sized so that the zip is
     * exactly {@code target} bytes: a stored entry's overhead does not depend on its size, so
     * one correction suffices. Returns the zip's bytes, or null when the target cannot be met.
     */
    private byte[] landOn(Path code, long target, Random random) throws IOException {
        Path filler = code.resolve("filler.jpg");
        Path zip = temp.resolve("built-" + random.nextInt(Integer.MAX_VALUE) + ".zip");
        long size = 0;
        for (int attempt = 0; attempt < 2; attempt++) {
            byte[] bytes = new byte[(int) size];
            random.nextBytes(bytes);
            Files.write(filler, bytes);
            long zipped = DeterministicZip.write(ArchiveContent.ofDirectory(code), zip).bytes();
            size += target - zipped;
            if (size < 0) {
                return null;
            }
        }
        byte[] built = Files.readAllBytes(zip);
        Files.delete(zip);
        return built.length == target ? built : null;
    }

    private static Map<String, String> entries(byte[] zip) throws IOException {
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (!entry.isDirectory()) {
                    // ZipInputStream checks each entry's CRC32 and sizes as it reads it
                    entries.put(entry.getName(), digest(in.readAllBytes()));
                }
            }
        }
        return entries;
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), digest(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    private static String digest(byte[] bytes) {
        var sha = ContentDigest.sha256();
        return bytes.length + ":" + java.util.HexFormat.of().formatHex(sha.digest(bytes));
    }

    private static void delete(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
