package dev.samstage.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.aws.AwsClientFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    private AwsClientFactory clients;
    private S3Client s3;
    private S3ArtifactStore store;

    @BeforeEach
    void aBucket() {
        clients = LocalS3.freshClients();
        s3 = clients.s3();
        s3.createBucket(b -> b.bucket("artifacts"));
        store = S3ArtifactStore.create(clients);
    }

    @AfterEach
    void close() {
        store.close();
        s3.close();
        clients.close();
    }

    @ParameterizedTest(name = "{0} MiB")
    @ValueSource(ints = {50, 200})
    void anIncompressibleArtifactReadsBackByteIdenticalToTheBuiltZip(int mebibytes) throws IOException {
        Path project = temp.resolve("p");
        Path big = project.resolve("code/big.bin");
        Files.createDirectories(big.getParent());
        byte[] noise = new byte[mebibytes * MIB];
        new Random(mebibytes).nextBytes(noise);
        Files.write(big, noise);
        Files.writeString(project.resolve("code/app.py"), "def handler(event, context):\n    return 1\n");
        Files.writeString(project.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: code
                      Handler: app.handler
                      Runtime: python3.12
                """);

        PackageResult result = new StagePackager(store, event -> { }).packageTemplate(new PackageRequest(
                project.resolve("template.yaml"), project, project.resolve("target/samstage/dev"),
                JavaBuildOutput.none(), "artifacts", "svc", Optional.empty()));

        String key = result.artifacts().get(0).s3Uri().substring("s3://artifacts/".length());
        Path built = temp.resolve("built.zip");
        DeterministicZip.write(ArchiveContent.ofDirectory(project.resolve("code")), built);
        byte[] zip = Files.readAllBytes(built);
        byte[] stored = s3.getObject(b -> b.bucket("artifacts").key(key), ResponseTransformer.toBytes()).asByteArray();
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
