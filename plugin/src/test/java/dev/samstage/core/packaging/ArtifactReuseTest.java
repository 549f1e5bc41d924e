package dev.samstage.core.packaging;

import dev.samstage.testing.SamTemplate;
import dev.samstage.testing.aws.LocalKms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.events.StageEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A content key is reused only for the object samstage wrote for that content, with the stage's
 * encryption: what sits under a key is read back and compared, never taken on trust.
 */
class ArtifactReuseTest {

    @TempDir
    Path temp;

    @RegisterExtension
    final LocalBucket bucket = new LocalBucket("artifacts");
    private String prodKeyArn;
    private SampleProject project;
    private final List<StageEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void aJavaFunctionAndOneBucketForEveryStage() {
        project = SampleProject.create(temp.resolve("p"));
        project.template(javaFunction("code"));
        prodKeyArn = LocalKms.createKey(bucket.clients(), "alias/prod-artifacts");
    }

    @Test
    void devThenProdIntoOneBucketLeavesProdsObjectEncryptedWithProdsKey() {
        String key = key(pack(Optional.empty()));
        byte[] devBytes = read(key);
        assertThat(head(key).serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);

        PackageResult prod = pack(Optional.of("alias/prod-artifacts"));

        HeadObjectResponse head = head(key);
        assertThat(prod.uploaded()).isZero();
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).isEqualTo(prodKeyArn);
        assertThat(read(key)).as("the object read back after the copy").isEqualTo(devBytes);
        assertThat(messages()).contains("Reused s3://artifacts/" + key + " for Fn.CodeUri (code), copied in place from"
                + " SSE-S3 to SSE-KMS with " + prodKeyArn);
    }

    @Test
    void anObjectPlantedUnderAContentKeyWithTheWrongBytesIsReplacedWithOneWarning() {
        String key = key(pack(Optional.empty()));
        byte[] built = read(key);
        bucket.s3().putObject(b -> b.bucket("artifacts").key(key), RequestBody.fromString("not the zip"));
        events.clear();

        PackageResult again = pack(Optional.empty());

        assertThat(again.uploaded()).isEqualTo(1);
        assertThat(read(key)).isEqualTo(built);
        assertThat(events).filteredOn(e -> e.severity() == StageEvent.Severity.WARN).extracting(StageEvent::message)
                .containsExactly("Uploading s3://artifacts/" + key + " again: the object there is not the artifact"
                        + " samstage builds for Fn.CodeUri (code) (it has no samstage-content-sha256 record, so samstage"
                        + " did not write it or an earlier version did).");
    }

    @Test
    void anObjectSamstageWroteForOtherContentIsReplaced() {
        String key = key(pack(Optional.empty()));
        byte[] built = read(key);
        bucket.s3().putObject(b -> b.bucket("artifacts").key(key).metadata(Map.of("samstage-content-sha256", "f".repeat(64))),
                RequestBody.fromBytes(built));

        PackageResult again = pack(Optional.empty());

        assertThat(again.uploaded()).isEqualTo(1);
        assertThat(bucket.s3().headObject(b -> b.bucket("artifacts").key(key)).metadata())
                .containsEntry("samstage-content-sha256", key.substring(4, 68));
    }

    @Test
    void aCleanRebuildOfAJarThatStampsBuildTimesReusesTheStoredObject() throws IOException {
        project.template(javaFunction("target/app.jar"));
        Path jar = project.dir.resolve("target/app.jar");
        writeJar(jar, Instant.parse("2026-01-01T10:00:00Z"), false);
        PackageResult first = pack(Optional.empty());
        String template = Files.readString(first.packagedTemplate());

        writeJar(jar, Instant.parse("2026-06-30T23:59:00Z"), true); // other times, order and pom.properties date
        PackageResult second = pack(Optional.empty());

        assertThat(first.uploaded()).isEqualTo(1);
        assertThat(second.uploaded()).isZero();
        assertThat(second.reused()).isEqualTo(1);
        assertThat(Files.readString(second.packagedTemplate())).isEqualTo(template);
    }

    @Test
    void aJarWhoseEntriesChangedGetsANewKey() throws IOException {
        project.template(javaFunction("target/app.jar"));
        Path jar = project.dir.resolve("target/app.jar");
        writeJar(jar, Instant.parse("2026-01-01T10:00:00Z"), false);
        String first = key(pack(Optional.empty()));

        writeJar(jar, Instant.parse("2026-01-01T10:00:00Z"), false, "changed handler");
        String second = key(pack(Optional.empty()));

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aPackagedTemplateOverCloudFormationsLimitFailsBeforeAnyUpload() {
        project.template(javaFunction("code") + "Metadata:\n  Blob: " + "x".repeat(1_000_001) + "\n");

        assertThatThrownBy(() -> pack(Optional.empty()))
                .isInstanceOf(PackagingException.class)
                .hasMessageMatching("The packaged template of template.yaml is 1,000,\\d\\d\\d bytes; CloudFormation takes at"
                        + " most 1,000,000 bytes even from S3: split the stack into nested stacks .*")
                .hasMessageNotContaining("\n");
        assertThat(bucket.s3().listObjectsV2(b -> b.bucket("artifacts")).contents()).isEmpty();
    }

    private static String javaFunction(String codeUri) {
        return SamTemplate.sam().function("Fn", codeUri, "com.example.Handler::handleRequest", "java21").yaml();
    }

    private PackageResult pack(Optional<String> kms) {
        return new StagePackager(bucket.store(), events::add).packageTemplate(project.request("artifacts", kms));
    }

    /** The key of the only artifact packaged. */
    private static String key(PackageResult result) {
        assertThat(result.artifacts()).hasSize(1);
        return result.artifacts().get(0).s3Uri().substring("s3://artifacts/".length());
    }

    private byte[] read(String key) {
        return bucket.s3().getObject(b -> b.bucket("artifacts").key(key), ResponseTransformer.toBytes()).asByteArray();
    }

    private HeadObjectResponse head(String key) {
        return bucket.s3().headObject(b -> b.bucket("artifacts").key(key));
    }

    private List<String> messages() {
        return events.stream().map(StageEvent::message).toList();
    }

    private static void writeJar(Path jar, Instant built, boolean reversed) throws IOException {
        writeJar(jar, built, reversed, "handler bytes");
    }

    /** A jar as an older jar plugin writes it: entry times and a dated pom.properties. */
    private static void writeJar(Path jar, Instant built, boolean reversed, String handler) throws IOException {
        Files.createDirectories(jar.getParent());
        List<Map.Entry<String, String>> entries = new java.util.ArrayList<>(List.of(
                Map.entry("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n"),
                Map.entry("META-INF/maven/com.example/app/pom.properties",
                        "#Generated by Maven\n#" + built + "\ngroupId=com.example\nartifactId=app\nversion=1.0\n"),
                Map.entry("com/example/Handler.class", handler)));
        if (reversed) {
            java.util.Collections.reverse(entries);
        }
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setLastModifiedTime(FileTime.from(built));
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}
