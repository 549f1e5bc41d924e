package dev.samstage.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.samstage.core.aws.AwsClientFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The local S3 refuses what S3 refuses: each rule of {@code local-aws/src/main/python/compat/s3_*.py},
 * driven by real SDK clients, with the conforming request beside it read back byte for byte.
 */
class StrictLocalS3Test {

    private static final int MIB = 1 << 20;
    private static final String BUCKET = "strict-artifacts";

    @RegisterExtension
    final FreshLocalAws aws = new FreshLocalAws("us-east-1");
    private S3Client s3;

    @BeforeEach
    void startWithAnEmptyBucketInUsEast1() {
        s3 = aws.client(AwsClientFactory::s3);
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    // --- CompleteMultipartUpload ---

    @Test
    void completingWithPartsListedOutOfOrderIsRefusedAndStoresNothingWhileAscendingOrderStoresTheExactBytes() {
        byte[][] parts = {random(5 * MIB, 1), random(5 * MIB, 2), random(5 * MIB, 3), random(1234, 4)};
        String upload = start("big.zip");
        List<CompletedPart> sent = uploadAll("big.zip", upload, parts);

        List<CompletedPart> completionOrder = List.of(sent.get(1), sent.get(2), sent.get(0), sent.get(3));
        assertRefused(() -> complete("big.zip", upload, completionOrder), 400, "InvalidPartOrder");
        assertRefused(() -> s3.headObject(b -> b.bucket(BUCKET).key("big.zip")), 404, null);

        complete("big.zip", upload, sent);
        assertThat(download("big.zip")).isEqualTo(concat(parts));
    }

    @Test
    void aPartNumberListedTwiceIsRefusedAsOutOfOrder() {
        byte[][] parts = {random(5 * MIB, 1), random(10, 2)};
        String upload = start("twice.zip");
        List<CompletedPart> sent = uploadAll("twice.zip", upload, parts);

        assertRefused(() -> complete("twice.zip", upload, List.of(sent.get(0), sent.get(0), sent.get(1))),
                400, "InvalidPartOrder");
    }

    @Test
    void completingWithAPartThatWasNotUploadedOrWhoseEtagOrChecksumDiffersIsRefusedAsInvalidPart() {
        byte[][] parts = {random(5 * MIB, 1), random(99, 2)};
        String upload = start("parts.zip");
        List<CompletedPart> sent = uploadAll("parts.zip", upload, parts);
        CompletedPart first = sent.get(0);

        CompletedPart notUploaded = CompletedPart.builder().partNumber(3).eTag(first.eTag()).build();
        assertRefused(() -> complete("parts.zip", upload, List.of(first, sent.get(1), notUploaded)), 400, "InvalidPart");
        CompletedPart otherEtag = first.toBuilder().eTag("\"0123456789abcdef0123456789abcdef\"").build();
        assertRefused(() -> complete("parts.zip", upload, List.of(otherEtag, sent.get(1))), 400, "InvalidPart");
        CompletedPart otherChecksum = first.toBuilder().checksumCRC32(crc32(parts[1])).build();
        assertRefused(() -> complete("parts.zip", upload, List.of(otherChecksum, sent.get(1))), 400, "InvalidPart");

        CompletedPart rightChecksum = first.toBuilder().checksumCRC32(crc32(parts[0])).build();
        complete("parts.zip", upload, List.of(rightChecksum, sent.get(1)));
        assertThat(download("parts.zip")).isEqualTo(concat(parts));
    }

    @Test
    void aPartUnder5MibThatIsNotTheLastIsRefusedAsEntityTooSmall() {
        byte[][] parts = {random(5 * MIB - 1, 1), random(5 * MIB, 2)};
        String upload = start("small.zip");
        List<CompletedPart> sent = uploadAll("small.zip", upload, parts);

        assertRefused(() -> complete("small.zip", upload, sent), 400, "EntityTooSmall");
    }

    // --- UploadPart ---

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 10_001})
    void aPartNumberOutside1To10000IsRefusedAsInvalidArgument(int partNumber) {
        String upload = start("numbers.zip");

        assertRefused(() -> s3.uploadPart(p -> p.bucket(BUCKET).key("numbers.zip").uploadId(upload).partNumber(partNumber),
                RequestBody.fromBytes(new byte[] {1})), 400, "InvalidArgument");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10_000})
    void theFirstAndLastPartNumbersAreAccepted(int partNumber) {
        String upload = start("numbers.zip");
        byte[] part = random(17, partNumber);
        String etag = s3.uploadPart(p -> p.bucket(BUCKET).key("numbers.zip").uploadId(upload).partNumber(partNumber),
                RequestBody.fromBytes(part)).eTag();

        complete("numbers.zip", upload, List.of(CompletedPart.builder().partNumber(partNumber).eTag(etag).build()));
        assertThat(download("numbers.zip")).isEqualTo(part);
    }

    @Test
    void aPartForAnAbortedUploadIsRefusedAsNoSuchUpload() {
        String upload = start("aborted.zip");
        s3.abortMultipartUpload(a -> a.bucket(BUCKET).key("aborted.zip").uploadId(upload));

        assertRefused(() -> s3.uploadPart(p -> p.bucket(BUCKET).key("aborted.zip").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(new byte[] {1})), 404, "NoSuchUpload");
        assertRefused(() -> complete("aborted.zip", upload,
                List.of(CompletedPart.builder().partNumber(1).eTag("\"x\"").build())), 404, "NoSuchUpload");
    }

    // --- checksums of PutObject and UploadPart ---

    @Test
    void aChecksumHeaderThatDoesNotMatchTheBytesIsRefusedAsBadDigest() {
        byte[] data = random(1000, 9);
        String otherCrc = crc32(random(1000, 10));

        assertRefused(() -> s3.putObject(p -> p.bucket(BUCKET).key("a.bin").checksumCRC32(otherCrc),
                RequestBody.fromBytes(data)), 400, "BadDigest");
        String upload = start("b.bin");
        assertRefused(() -> s3.uploadPart(p -> p.bucket(BUCKET).key("b.bin").uploadId(upload).partNumber(1)
                .checksumCRC32(otherCrc), RequestBody.fromBytes(data)), 400, "BadDigest");
        assertRefused(() -> s3.headObject(b -> b.bucket(BUCKET).key("a.bin")), 404, null);

        s3.putObject(p -> p.bucket(BUCKET).key("a.bin").checksumCRC32(crc32(data)), RequestBody.fromBytes(data));
        assertThat(download("a.bin")).isEqualTo(data);
    }

    @Test
    void aChecksumTrailerThatDoesNotMatchTheBytesIsRefusedAsBadDigest() throws Exception {
        byte[] data = "hello, trailer".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> refused = putWithTrailer("trailer.txt", data, crc32(random(4, 1)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("<Code>BadDigest</Code>");
        assertRefused(() -> s3.headObject(b -> b.bucket(BUCKET).key("trailer.txt")), 404, null);

        assertThat(putWithTrailer("trailer.txt", data, crc32(data)).statusCode()).isEqualTo(200);
        assertThat(download("trailer.txt")).isEqualTo(data);
    }

    @Test
    void theSdksDefaultAwsChunkedUploadWithACrc32TrailerIsAcceptedAndReadsBackIdentical() {
        byte[] data = random(300_000, 11);
        try (S3Client chunked = S3Client.builder().forcePathStyle(true).region(Region.US_EAST_1)
                .endpointOverride(LocalAws.get().endpoint()).credentialsProvider(aws.clients().credentials()).build()) {
            chunked.putObject(p -> p.bucket(BUCKET).key("chunked.bin").checksumAlgorithm(ChecksumAlgorithm.CRC32),
                    RequestBody.fromBytes(data));
        }
        assertThat(download("chunked.bin")).isEqualTo(data);
    }

    // --- SSE-KMS ---

    @Test
    void anSseKmsKeyThatDoesNotExistInTheBucketsRegionIsRefusedAsKmsNotFound() {
        String arn = LocalKms.createKey(aws.clients());
        String keyId = arn.substring(arn.indexOf("key/") + 4);
        String elsewhere = arn.replace(":us-east-1:", ":eu-west-1:");

        for (String missing : List.of("1234abcd-12ab-34cd-56ef-1234567890ab", "alias/no-such-key",
                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", elsewhere)) {
            assertRefused(() -> s3.putObject(p -> p.bucket(BUCKET).key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId(missing), RequestBody.fromString("x")), 400, "KMS.NotFoundException");
            assertRefused(() -> s3.createMultipartUpload(c -> c.bucket(BUCKET).key("k")
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(missing)), 400, "KMS.NotFoundException");
        }
        s3.putObject(p -> p.bucket(BUCKET).key("plain"), RequestBody.fromString("x"));
        assertRefused(() -> s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("plain").destinationBucket(BUCKET)
                .destinationKey("copy").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("alias/no-such-key")),
                400, "KMS.NotFoundException");

        s3.putObject(p -> p.bucket(BUCKET).key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(keyId),
                RequestBody.fromString("x"));
        assertThat(s3.headObject(h -> h.bucket(BUCKET).key("k")).ssekmsKeyId()).isEqualTo(arn);
    }

    @Test
    void aDisabledKeyIsRefusedAsKmsDisabled() {
        String arn = LocalKms.createKey(aws.clients());
        try (KmsClient kms = aws.clients().kms()) {
            // by key id: moto's DisableKey fails with a 500 when given the ARN
            kms.disableKey(d -> d.keyId(arn.substring(arn.indexOf("key/") + 4)));
        }

        assertRefused(() -> s3.putObject(p -> p.bucket(BUCKET).key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(arn), RequestBody.fromString("x")), 400, "KMS.DisabledException");
    }

    @Test
    void anAliasOrKeyIdIsStoredAndReportedAsTheKeysArnOnEveryKindOfUpload() {
        String arn = LocalKms.createKey(aws.clients(), "alias/stage-key");
        byte[][] parts = {random(5 * MIB, 1), random(10, 2)};

        s3.putObject(p -> p.bucket(BUCKET).key("put").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId("alias/stage-key"), RequestBody.fromString("put"));
        String upload = s3.createMultipartUpload(c -> c.bucket(BUCKET).key("multi").checksumAlgorithm(ChecksumAlgorithm.CRC32)
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("alias/stage-key")).uploadId();
        complete("multi", upload, uploadAll("multi", upload, parts));
        s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("put").destinationBucket(BUCKET).destinationKey("copy")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("alias/stage-key"));

        for (String key : List.of("put", "multi", "copy")) {
            var head = s3.headObject(h -> h.bucket(BUCKET).key(key));
            assertThat(head.serverSideEncryption()).as(key).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(head.ssekmsKeyId()).as(key).isEqualTo(arn);
        }
        assertThat(download("multi")).isEqualTo(concat(parts));
        assertThat(download("copy")).isEqualTo("put".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sseKmsWithoutAKeyUsesTheAccountsAwsManagedS3Key() {
        s3.putObject(p -> p.bucket(BUCKET).key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS),
                RequestBody.fromString("x"));

        String managed;
        try (KmsClient kms = aws.clients().kms()) {
            managed = kms.describeKey(d -> d.keyId("alias/aws/s3")).keyMetadata().arn();
        }
        assertThat(s3.getObject(g -> g.bucket(BUCKET).key("k"), ResponseTransformer.toBytes()).response().ssekmsKeyId())
                .isEqualTo(managed).startsWith("arn:aws:kms:us-east-1:");
    }

    // --- bucket region ---

    @Test
    void aBucketAnswersOnlyRequestsSignedForItsOwnRegion() {
        try (AwsClientFactory ireland = aws.clients().with("eu-west-1", aws.clients().credentials()); S3Client eu = ireland.s3()) {
            eu.createBucket(c -> c.bucket("eu-artifacts")
                    .createBucketConfiguration(b -> b.locationConstraint(BucketLocationConstraint.EU_WEST_1)));

            assertThat(eu.headBucket(h -> h.bucket("eu-artifacts")).sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region"))
                    .contains("eu-west-1");
            S3Exception head = catchS3(() -> s3.headBucket(h -> h.bucket("eu-artifacts")));
            assertThat(head.statusCode()).isEqualTo(301);
            assertThat(head.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region")).contains("eu-west-1");
            assertRefused(() -> s3.putObject(p -> p.bucket("eu-artifacts").key("k"), RequestBody.fromString("x")),
                    301, "PermanentRedirect");
            assertRefused(() -> eu.putObject(p -> p.bucket(BUCKET).key("k"), RequestBody.fromString("x")),
                    301, "PermanentRedirect");
            assertThat(s3.getBucketLocation(g -> g.bucket("eu-artifacts")).locationConstraintAsString()).isEqualTo("eu-west-1");

            eu.putObject(p -> p.bucket("eu-artifacts").key("k"), RequestBody.fromString("in region"));
            assertThat(eu.getObject(g -> g.bucket("eu-artifacts").key("k"), ResponseTransformer.toBytes()).asUtf8String())
                    .isEqualTo("in region");
        }
        assertThat(s3.headBucket(h -> h.bucket(BUCKET)).sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region"))
                .as("a bucket created without LocationConstraint").contains("us-east-1");
    }

    // --- listing and aborting uploads ---

    @Test
    void incompleteUploadsAreListedByPrefixAndGoneOnceAborted() {
        String mine = start("svc/a.zip");
        String other = start("other/b.zip");

        List<MultipartUpload> listed = s3.listMultipartUploads(l -> l.bucket(BUCKET).prefix("svc/")).uploads();
        assertThat(listed).extracting(MultipartUpload::key, MultipartUpload::uploadId).containsExactly(
                tuple("svc/a.zip", mine));

        s3.abortMultipartUpload(a -> a.bucket(BUCKET).key("svc/a.zip").uploadId(mine));
        assertThat(s3.listMultipartUploads(l -> l.bucket(BUCKET).prefix("svc/")).uploads()).isEmpty();
        assertThat(s3.listMultipartUploads(l -> l.bucket(BUCKET)).uploads()).extracting(MultipartUpload::uploadId)
                .containsExactly(other);
    }

    // --- helpers ---

    private String start(String key) {
        return s3.createMultipartUpload(c -> c.bucket(BUCKET).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
    }

    private List<CompletedPart> uploadAll(String key, String upload, byte[][] parts) {
        List<CompletedPart> sent = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int number = i + 1;
            String etag = s3.uploadPart(p -> p.bucket(BUCKET).key(key).uploadId(upload).partNumber(number),
                    RequestBody.fromBytes(parts[i])).eTag();
            sent.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        return sent;
    }

    private void complete(String key, String upload, List<CompletedPart> parts) {
        s3.completeMultipartUpload(c -> c.bucket(BUCKET).key(key).uploadId(upload).multipartUpload(m -> m.parts(parts)));
    }

    private byte[] download(String key) {
        return s3.getObject(g -> g.bucket(BUCKET).key(key), ResponseTransformer.toBytes()).asByteArray();
    }

    /** A PutObject with an aws-chunked body and a CRC32 trailer, as the SDKs send it over HTTPS. */
    private HttpResponse<String> putWithTrailer(String key, byte[] data, String trailerCrc32) throws Exception {
        byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n0\r\nx-amz-checksum-crc32:" + trailerCrc32 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(URI.create(LocalAws.get().endpoint() + "/" + BUCKET + "/" + key))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + LocalAws.ACCESS_KEY
                        + "/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0")
                .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .header("x-amz-decoded-content-length", String.valueOf(data.length))
                .header("x-amz-trailer", "x-amz-checksum-crc32")
                .header("x-amz-sdk-checksum-algorithm", "CRC32")
                .header("Content-Encoding", "aws-chunked")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(concat(new byte[][] {head, data, tail})))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(ThrowingCallable call, int status, String errorCode) {
        S3Exception refused = catchS3(call);
        assertThat(refused.statusCode()).as(refused.getMessage()).isEqualTo(status);
        if (errorCode != null) {
            assertThat(refused.awsErrorDetails().errorCode()).as(refused.getMessage()).isEqualTo(errorCode);
        }
    }

    private static S3Exception catchS3(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(S3Exception.class);
        return (S3Exception) thrown;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[][] parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    private static String crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
