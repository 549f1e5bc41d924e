package dev.samstage.core.packaging;

import dev.samstage.testing.aws.LocalAwsClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

class S3ArtifactStoreTest {

    /** A content hash to record with objects whose content does not matter to the test. */
    private static final String CONTENT = "0".repeat(64);

    private static final long MIB = 1L << 20;

    @TempDir
    Path temp;

    private AwsClientFactory clients;
    private S3Client s3;
    private S3ArtifactStore store;
    private KmsClient kms;
    private String keyArn;
    private final List<StageEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startWithAnEmptyBucketAndAStageKey() {
        clients = LocalAwsClients.fresh("us-east-1");
        s3 = clients.s3();
        kms = clients.kms();
        s3.createBucket(b -> b.bucket("artifacts"));
        keyArn = kms.createKey(b -> b.description("stage key")).keyMetadata().arn();
        kms.createAlias(b -> b.aliasName("alias/stage-key").targetKeyId(keyArn));
        store = storeAt(Clock.systemUTC());
    }

    private S3ArtifactStore storeAt(Clock clock) {
        return new S3ArtifactStore(s3, kms, "us-east-1", clients.endpoint().orElseThrow(),
                new S3TransferSettings(8 * MIB, 5 * MIB, 4, 3), clock);
    }

    @AfterEach
    void close() {
        store.close();
        s3.close();
        kms.close();
        clients.close();
    }

    @Test
    void encryptsWithTheStagesKmsKeyWhenOneIsConfigured() throws IOException {
        ArtifactDestination destination = new ArtifactDestination("artifacts", "svc",
                Optional.of(new KmsKeyReference(keyArn)));
        Path file = Files.writeString(temp.resolve("a.txt"), "hello");

        long sent = store.put(destination, "svc/a.txt", file, events::add);

        HeadObjectResponse head = s3.headObject(b -> b.bucket("artifacts").key("svc/a.txt"));
        assertThat(sent).isEqualTo(5);
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).isEqualTo(keyArn);
        assertThat(events).last().isEqualTo(new UploadProgress("s3://artifacts/svc/a.txt", 5, 5));
    }

    @Test
    void encryptsWithS3ManagedKeysByDefault() throws IOException {
        ArtifactDestination destination = new ArtifactDestination("artifacts", "", Optional.empty());
        store.put(destination, "b.txt", Files.writeString(temp.resolve("b.txt"), "bytes"), events::add);

        assertThat(s3.headObject(b -> b.bucket("artifacts").key("b.txt")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void uploadsLargeFilesInPartsWithTheSameEncryptionAndBytes() throws Exception {
        ArtifactDestination destination = new ArtifactDestination("artifacts", "svc",
                Optional.of(new KmsKeyReference("alias/stage-key")));
        Path file = temp.resolve("big.zip");
        byte[] data = randomFile(file, 12 * MIB + 12345, 3);

        long sent = store.put(destination, "svc/big.zip", file, events::add);

        HeadObjectResponse head = s3.headObject(b -> b.bucket("artifacts").key("svc/big.zip"));
        assertThat(sent).isEqualTo(data.length);
        assertThat(head.eTag()).endsWith("-3\"");
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).as("S3 names the key by ARN, whatever the stage named").isEqualTo(keyArn);
        byte[] stored = s3.getObject(b -> b.bucket("artifacts").key("svc/big.zip"), ResponseTransformer.toBytes())
                .asByteArray();
        assertThat(MessageDigest.getInstance("SHA-256").digest(stored))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(events).filteredOn(UploadProgress.class::isInstance).hasSizeGreaterThan(3)
                .last().isEqualTo(new UploadProgress("s3://artifacts/svc/big.zip", data.length, data.length));
    }

    @Test
    void storesALargeObjectWithTheCompositeCrc32OfItsPartsAsTheAwsCliDoes() throws Exception {
        ArtifactDestination destination = new ArtifactDestination("artifacts", "svc", Optional.empty());
        Path file = temp.resolve("parts.zip");
        byte[] data = randomFile(file, 12 * MIB + 4321, 7);

        store.put(destination, "svc/parts.zip", file, events::add);

        // read by GetObject: S3 reports the composite checksum on HeadObject too, the local S3 only on GetObject
        GetObjectResponse stored = s3.getObject(b -> b.bucket("artifacts").key("svc/parts.zip")
                .checksumMode(ChecksumMode.ENABLED), ResponseTransformer.toBytes()).response();
        assertThat(stored.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
        assertThat(stored.checksumCRC32()).isEqualTo(compositeCrc32(data, (int) (5 * MIB)) + "-3");
    }

    /** {@code size} random bytes made from {@code seed}, written to {@code file} too. */
    private static byte[] randomFile(Path file, long size, long seed) throws IOException {
        byte[] data = new byte[(int) size];
        new Random(seed).nextBytes(data);
        Files.write(file, data);
        return data;
    }

    /** S3's checksum of a multipart object: the CRC32 of its parts' big-endian CRC32s, in Base64. */
    private static String compositeCrc32(byte[] data, int partSize) {
        ByteBuffer partChecksums = ByteBuffer.allocate(4 * ((data.length + partSize - 1) / partSize));
        for (int start = 0; start < data.length; start += partSize) {
            CRC32 part = new CRC32();
            part.update(data, start, Math.min(partSize, data.length - start));
            partChecksums.putInt((int) part.getValue());
        }
        CRC32 whole = new CRC32();
        whole.update(partChecksums.array());
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) whole.getValue()).array());
    }

    @Test
    void sendsPartsWhileTheFileIsStillBeingWrittenButNeverOneWithAHeldRange() throws Exception {
        ArtifactDestination destination = new ArtifactDestination("artifacts", "svc",
                Optional.of(new KmsKeyReference(keyArn)));
        Path file = temp.resolve("growing.zip");
        byte[] data = new byte[(int) (12 * MIB + 777)];
        new Random(5).nextBytes(data);
        int header = (int) (6 * MIB);
        Arrays.fill(data, header, header + 16, (byte) 0); // written first as a placeholder, completed later
        Files.write(file, Arrays.copyOf(data, (int) (10 * MIB)));

        ArtifactUpload upload = store.upload(destination, "svc/growing.zip", CONTENT, file, data.length, events::add);
        upload.written(10 * MIB, header, header + 16);

        // part 1 (bytes 0-5 MiB) is final and goes up now; part 2 holds the placeholder and waits
        assertThat(partsSentWithin(Duration.ofSeconds(30), 1)).containsExactly(1);
        assertThat(partsSent()).doesNotContain(2);
        byte[] patch = new byte[16];
        new Random(6).nextBytes(patch);
        System.arraycopy(patch, 0, data, header, 16);
        Files.write(file, data);
        upload.written(data.length, 0, 0);
        long stored = upload.finish(data.length);

        HeadObjectResponse head = s3.headObject(b -> b.bucket("artifacts").key("svc/growing.zip"));
        assertThat(stored).isEqualTo(data.length);
        assertThat(head.eTag()).endsWith("-3\"");
        assertThat(head.ssekmsKeyId()).isEqualTo(keyArn);
        assertThat(s3.getObject(b -> b.bucket("artifacts").key("svc/growing.zip"), ResponseTransformer.toBytes())
                .asByteArray()).isEqualTo(data);
        assertThat(events).last().isEqualTo(new UploadProgress("s3://artifacts/svc/growing.zip", data.length,
                data.length));
    }

    @Test
    void abortingDiscardsThePartsAlreadySent() throws IOException {
        ArtifactDestination destination = new ArtifactDestination("artifacts", "", Optional.empty());
        ArtifactUpload upload = uploadWithOnePartSent(destination, "abandoned.zip", 20 * MIB);
        upload.abort();

        assertThat(s3.listMultipartUploads(b -> b.bucket("artifacts")).uploads()).isEmpty();
        assertThat(store.existing(destination, "abandoned.zip")).isEmpty();
    }

    /** An upload of {@code key} announced as {@code size} bytes whose first 6 MiB are written: one part goes up. */
    private ArtifactUpload uploadWithOnePartSent(ArtifactDestination destination, String key, long size) throws IOException {
        Path file = Files.write(temp.resolve(Path.of(key).getFileName()), new byte[(int) (6 * MIB)]);
        ArtifactUpload upload = store.upload(destination, key, CONTENT, file, size, events::add);
        upload.written(6 * MIB, 0, 0);
        return upload;
    }

    private List<Integer> partsSent() {
        var uploads = s3.listMultipartUploads(b -> b.bucket("artifacts")).uploads();
        if (uploads.isEmpty()) {
            return List.of();
        }
        return s3.listParts(b -> b.bucket("artifacts").key(uploads.get(0).key()).uploadId(uploads.get(0).uploadId()))
                .parts().stream().map(p -> p.partNumber()).toList();
    }

    /** The parts listed once at least {@code count} are there (they go up in the background). */
    private List<Integer> partsSentWithin(Duration limit, int count) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Integer> parts = partsSent();
        while (parts.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            parts = partsSent();
        }
        return parts;
    }

    @Test
    void signsEveryUploadAsOneWholePayloadOverPlainHttpAsTheAwsCliDoes() throws Exception {
        List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
        ExecutionInterceptor capture = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                sent.add(context.httpRequest());
            }
        };
        Path file = temp.resolve("signed.zip");
        byte[] data = randomFile(file, 9 * MIB + 4321, 11);
        ArtifactDestination destination = new ArtifactDestination("artifacts", "", Optional.empty());

        try (AwsClientFactory capturing = clients.withInterceptors(List.of(capture));
             S3ArtifactStore signed = S3ArtifactStore.create(capturing, new S3TransferSettings(8 * MIB, 5 * MIB, 4, 2))) {
            signed.put(destination, "signed.zip", file, events::add);
            signed.put(destination, "small.txt", Files.writeString(temp.resolve("small.txt"), "hello"), events::add);
        }

        List<SdkHttpRequest> uploads = sent.stream().filter(r -> r.method() == SdkHttpMethod.PUT).toList();
        assertThat(uploads).hasSize(3); // two parts and one PutObject
        assertThat(uploads).allSatisfy(request -> {
            assertThat(request.firstMatchingHeader("x-amz-content-sha256")).hasValueSatisfying(
                    hash -> assertThat(hash).matches("[0-9a-f]{64}"));
            assertThat(request.firstMatchingHeader("Content-Encoding")).isEmpty();
            // S3 still checks each upload end to end: the CRC32 goes in a header instead of a trailer
            assertThat(request.firstMatchingHeader("x-amz-checksum-crc32")).isPresent();
            assertThat(request.firstMatchingHeader("x-amz-decoded-content-length")).isEmpty();
        });
        HexFormat hex = HexFormat.of();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        SdkHttpRequest firstPart = uploads.stream()
                .filter(r -> r.rawQueryParameters().getOrDefault("partNumber", List.of()).contains("1"))
                .findFirst().orElseThrow();
        assertThat(firstPart.firstMatchingHeader("x-amz-content-sha256")).as("the first part's signed payload hash")
                .hasValue(hex.formatHex(sha256.digest(Arrays.copyOfRange(data, 0, (int) (5 * MIB)))));
        byte[] stored = s3.getObject(b -> b.bucket("artifacts").key("signed.zip"), ResponseTransformer.toBytes())
                .asByteArray();
        assertThat(stored).isEqualTo(data);
    }

    @Test
    void describesAnExistingObjectBySizeContentRecordAndEncryptionAndNothingForAMissingOne() throws IOException {
        ArtifactDestination destination = new ArtifactDestination("artifacts", "", Optional.empty());
        assertThat(store.existing(destination, "c.txt")).isEmpty();

        Path file = Files.writeString(temp.resolve("c.txt"), "twelve bytes");
        store.put(destination, "c.txt", file, events::add);

        assertThat(store.existing(destination, "c.txt")).hasValue(new StoredObject(12,
                Optional.of(ArtifactFiles.sha256(file)), ObjectEncryption.s3Managed()));
    }

    @Test
    void namesAMissingBucketInOneLine() {
        ArtifactDestination destination = new ArtifactDestination("no-such-bucket", "", Optional.empty());

        assertThatThrownBy(() -> store.checkDestination(destination))
                .isInstanceOf(PackagingException.class)
                .hasMessage("The artifact bucket 'no-such-bucket' does not exist; create it or set -Dsamstage.bucket"
                        + " (or the stage's bucket) to an existing one.");
    }

    @Test
    void namesABucketBehindAnEndpointThatDoesNotAnswer() {
        try (AwsClientFactory nowhere = AwsClientFactory.create("us-east-1", clients.credentials(),
                URI.create("http://localhost:9"));
             S3ArtifactStore unreachable = S3ArtifactStore.create(nowhere)) {
            ArtifactDestination destination = new ArtifactDestination("artifacts", "", Optional.empty());

            assertThatThrownBy(() -> unreachable.checkDestination(destination))
                    .isInstanceOf(PackagingException.class)
                    .hasMessageStartingWith("The artifact bucket 'artifacts' is not reachable at http://localhost:9 (")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void buildsTemplateUrlsThatCloudFormationCanRead() {
        ArtifactDestination destination = new ArtifactDestination("artifacts", "p", Optional.empty());
        assertThat(store.locate(destination, "p/x.template").url())
                .isEqualTo(clients.endpoint().orElseThrow() + "/artifacts/p/x.template");
        assertThat(new S3ObjectUrls("eu-west-1", null).objectUrl("b", "k"))
                .isEqualTo("https://s3.eu-west-1.amazonaws.com/b/k");
        assertThat(new S3ObjectUrls("us-east-1", null).objectUrl("b", "k")).isEqualTo("https://s3.amazonaws.com/b/k");
        assertThat(new S3ObjectUrls("us-east-1", URI.create("http://127.0.0.1:4566/")).objectUrl("b", "k"))
                .isEqualTo("http://localhost:4566/b/k");
    }

    @Test
    void completesThePartsInAscendingOrderWhateverOrderTheyFinishIn() throws Exception {
        ArtifactDestination destination = new ArtifactDestination("artifacts", "svc", Optional.empty());
        Path file = temp.resolve("held.zip");
        byte[] data = randomFile(file, 17 * MIB + 3, 13);

        // part 1 holds a header completed last, so the parts go up as 2, 3, 1, 4: the order that corrupted objects
        ArtifactUpload upload = store.upload(destination, "svc/held.zip", CONTENT, file, data.length, events::add);
        upload.written(data.length, 100, 116);
        assertThat(partsSentWithin(Duration.ofSeconds(30), 2)).containsExactlyInAnyOrder(2, 3);
        upload.written(data.length, 0, 0);
        upload.finish(data.length);

        byte[] stored = s3.getObject(b -> b.bucket("artifacts").key("svc/held.zip"), ResponseTransformer.toBytes())
                .asByteArray();
        assertThat(stored).as("the object read back").isEqualTo(data);
    }

    @Test
    void abortsTheUploadsInFlightWhenTheBuildIsStopped() throws IOException {
        uploadWithOnePartSent(new ArtifactDestination("artifacts", "svc", Optional.empty()), "svc/stopped.zip", 30 * MIB);

        List<String> aborted = store.abortInFlight();

        assertThat(aborted).containsExactly("svc/stopped.zip");
        assertThat(s3.listMultipartUploads(b -> b.bucket("artifacts")).uploads()).isEmpty();
    }

    @Test
    void abortsOnlyItsOwnIncompleteUploadsAndOnlyOnceTheyAreAnHourOld() {
        String hash = "ab".repeat(32);
        for (String key : List.of("svc/" + hash + ".zip", "svc/notes.bin", "svc/nested/" + hash + ".zip",
                "other/" + hash + ".zip")) {
            s3.createMultipartUpload(b -> b.bucket("artifacts").key(key));
        }
        ArtifactDestination destination = new ArtifactDestination("artifacts", "svc", Optional.empty());

        assertThat(store.abortAbandonedUploads(destination)).as("a build that may still be running").isEmpty();
        try (S3ArtifactStore later = storeAt(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(61)))) {
            assertThat(later.abortAbandonedUploads(destination)).containsExactly("svc/" + hash + ".zip");
        }
        assertThat(s3.listMultipartUploads(b -> b.bucket("artifacts")).uploads())
                .extracting(u -> u.key())
                .containsExactlyInAnyOrder("svc/notes.bin", "svc/nested/" + hash + ".zip", "other/" + hash + ".zip");
    }

    @Test
    void namesAKmsKeyThatDoesNotExistInTheBucketsRegion() {
        ArtifactDestination destination = new ArtifactDestination("artifacts", "svc",
                Optional.of(new KmsKeyReference("alias/no-such-key")));

        assertThatThrownBy(() -> store.checkDestination(destination))
                .isInstanceOf(PackagingException.class)
                .hasMessage("The KMS key 'alias/no-such-key' (-Dsamstage.kmsKeyId or the stage's kmsKeyId) does not exist"
                        + " in us-east-1 (the region of the artifact bucket 'artifacts') for the build's account; create"
                        + " it there or name an existing key.");
    }

    @Test
    void namesAKmsKeyOfAnotherRegionWithBothRegions() {
        String elsewhere = keyArn.replace(":us-east-1:", ":eu-west-2:");
        ArtifactDestination destination = new ArtifactDestination("artifacts", "svc",
                Optional.of(new KmsKeyReference(elsewhere)));

        assertThatThrownBy(() -> store.checkDestination(destination))
                .isInstanceOf(PackagingException.class)
                .hasMessage("The KMS key '" + elsewhere + "' (-Dsamstage.kmsKeyId or the stage's kmsKeyId) is in"
                        + " eu-west-2 but the artifact bucket 'artifacts' is in us-east-1; S3 encrypts only with keys of"
                        + " the bucket's region: name a key (or a multi-Region replica) in us-east-1.");
    }

    @Test
    void namesADisabledKmsKey() {
        kms.disableKey(b -> b.keyId(keyArn.substring(keyArn.indexOf('/') + 1)));
        ArtifactDestination destination = new ArtifactDestination("artifacts", "svc",
                Optional.of(new KmsKeyReference("alias/stage-key")));

        assertThatThrownBy(() -> store.checkDestination(destination))
                .isInstanceOf(PackagingException.class)
                .hasMessage("The KMS key 'alias/stage-key' (-Dsamstage.kmsKeyId or the stage's kmsKeyId) is Disabled in"
                        + " us-east-1; S3 cannot encrypt the artifacts with it: enable it or name another key.");
    }

    @Test
    void namesABucketOfAnotherRegionWithBothRegions() {
        try (AwsClientFactory ireland = AwsClientFactory.create("eu-west-1", clients.credentials(),
                clients.endpoint().orElseThrow()); S3Client irishS3 = ireland.s3()) {
            irishS3.createBucket(b -> b.bucket("irish-artifacts")
                    .createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        }
        ArtifactDestination destination = new ArtifactDestination("irish-artifacts", "", Optional.empty());

        assertThatThrownBy(() -> store.checkDestination(destination))
                .isInstanceOf(PackagingException.class)
                .hasMessage("The artifact bucket 'irish-artifacts' is in eu-west-1 but the stage deploys to us-east-1;"
                        + " CloudFormation and Lambda read artifacts from the stage's region: use a bucket in us-east-1"
                        + " (-Dsamstage.bucket, or the stage's bucket or regionBuckets).");
    }
}
