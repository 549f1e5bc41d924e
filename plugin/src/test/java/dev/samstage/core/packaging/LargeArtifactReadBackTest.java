package dev.samstage.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Large incompressible artifacts with the default transfer settings (16 MiB parts): the object
 * in the bucket is the zip that was built, and the same parts completed in the wrong order are
 * refused by the local S3 as S3 refuses them.
 */
class LargeArtifactReadBackTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path temp;

    @RegisterExtension
    final LocalBucket bucket = new LocalBucket("artifacts");

    @ParameterizedTest(name = "{0} MiB")
    @ValueSource(ints = {50, 200})
    void anIncompressibleArtifactReadsBackByteIdenticalToTheBuiltZip(int mebibytes) throws IOException {
        PythonFunctionProject project = PythonFunctionProject.create(temp.resolve("p"));
        byte[] noise = new byte[mebibytes * MIB];
        new Random(mebibytes).nextBytes(noise);
        Files.write(project.code().resolve("big.bin"), noise);

        String key = project.packageInto(bucket.store(), "artifacts", event -> { });

        Path built = temp.resolve("built.zip");
        DeterministicZip.write(ArchiveContent.ofDirectory(project.code()), built);
        byte[] zip = Files.readAllBytes(built);
        byte[] stored = bucket.s3().getObject(b -> b.bucket("artifacts").key(key), ResponseTransformer.toBytes()).asByteArray();
        assertThat(stored.length).isEqualTo(zip.length);
        assertThat(Arrays.equals(stored, zip)).as("the object read back equals the built zip").isTrue();

        assertThatThrownBy(() -> completeOutOfOrder(zip, "svc/out-of-order.zip"))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPartOrder");
                });
    }

    /** The same bytes in 16 MiB parts, completed with parts 2 and 1 swapped in the list. */
    private void completeOutOfOrder(byte[] zip, String key) {
        S3Client s3 = bucket.s3();
        String id = s3.createMultipartUpload(b -> b.bucket("artifacts").key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        int part = 16 * MIB;
        for (int start = 0, number = 1; start < zip.length; start += part, number++) {
            int n = number;
            byte[] bytes = Arrays.copyOfRange(zip, start, Math.min(zip.length, start + part));
            String eTag = s3.uploadPart(b -> b.bucket("artifacts").key(key).uploadId(id).partNumber(n),
                    RequestBody.fromBytes(bytes)).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(eTag).build());
        }
        CompletedPart first = parts.get(0);
        parts.set(0, parts.get(1));
        parts.set(1, first);
        s3.completeMultipartUpload(b -> b.bucket("artifacts").key(key).uploadId(id)
                .multipartUpload(m -> m.parts(parts)));
    }
}
