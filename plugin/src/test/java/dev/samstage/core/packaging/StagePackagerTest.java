package dev.samstage.core.packaging;

import dev.samstage.testing.aws.LocalKms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

class StagePackagerTest {

    private static final String FUNCTION = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Description: %s
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: com.example.Handler::handleRequest
                  Runtime: java21
              Child:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: nested/child.yaml
            """;

    @TempDir
    Path temp;

    @RegisterExtension
    final LocalBucket bucket = new LocalBucket("artifacts");
    private String keyArn;
    private final List<StageEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void emptyBucket() {
        keyArn = LocalKms.createKey(bucket.clients(), "alias/stage-artifacts");
    }

    private PackageResult pack(SampleProject project, Optional<String> kms) {
        return new StagePackager(bucket.store(), events::add).packageTemplate(project.request("artifacts", kms));
    }

    @Test
    void uploadsNothingOnTheSecondRunAndWritesTheSameTemplate() throws IOException {
        SampleProject project = SampleProject.create(temp.resolve("p"));
        project.template(AllKinds.TEMPLATE);
        PackageResult first = pack(project, Optional.empty());
        String firstText = Files.readString(first.packagedTemplate());
        project.touchAll(Instant.parse("2030-01-01T00:00:00Z"));

        PackageResult second = pack(project, Optional.empty());

        assertThat(first.uploaded()).isPositive();
        assertThat(first.bytesUploaded()).isPositive();
        assertThat(second.bytesUploaded()).isZero();
        assertThat(second.uploaded()).isZero();
        assertThat(second.reused()).isEqualTo(first.uploaded());
        assertThat(second.artifacts()).allSatisfy(e -> assertThat(e.status()).isEqualTo(ManifestEntry.Status.REUSED));
        assertThat(Files.readString(second.packagedTemplate())).isEqualTo(firstText);
    }

    @Test
    void looksNewArtifactsUpWithOneListingOfThePrefixInsteadOfOneHeadObjectEach() {
        SampleProject project = SampleProject.create(temp.resolve("p"));
        project.template(AllKinds.TEMPLATE);
        List<String> requests = new CopyOnWriteArrayList<>();

        PackageResult result = packCounting(project, requests);

        assertThat(result.uploaded()).isGreaterThan(1);
        assertThat(requests).filteredOn(r -> r.startsWith("HEAD /artifacts/")).isEmpty();
        assertThat(requests).filteredOn(r -> r.contains("list-type=2")).hasSize(1);
    }

    @Test
    void stillChecksEveryStoredArtifactOnItsOwnBeforeReusingIt() {
        SampleProject project = SampleProject.create(temp.resolve("p"));
        project.template(AllKinds.TEMPLATE);
        PackageResult first = pack(project, Optional.empty());
        List<String> requests = new CopyOnWriteArrayList<>();

        PackageResult second = packCounting(project, requests);

        long distinct = first.artifacts().stream().map(ManifestEntry::s3Uri).distinct().count();
        assertThat(second.reused()).isEqualTo(first.uploaded());
        assertThat(requests).filteredOn(r -> r.startsWith("HEAD /artifacts/")).hasSize((int) distinct);
    }

    /** Packages with a store whose every request is recorded as "METHOD path?query". */
    private PackageResult packCounting(SampleProject project, List<String> requests) {
        ExecutionInterceptor recording = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                var request = context.httpRequest();
                requests.add(request.method() + " " + request.encodedPath() + "?" + request.rawQueryParameters().keySet()
                        .stream().map(k -> k + "=" + String.join(",", request.rawQueryParameters().get(k)))
                        .sorted().reduce((a, b) -> a + "&" + b).orElse(""));
            }
        };
        try (AwsClientFactory clients = bucket.clients().withInterceptors(List.of(recording));
             S3ArtifactStore store = S3ArtifactStore.create(clients)) {
            return new StagePackager(store, events::add).packageTemplate(project.request("artifacts", Optional.empty()));
        }
    }

    @Test
    void packagesTwoCopiesOfTheSourcesInDifferentDirectoriesToByteIdenticalTemplates() throws IOException {
        SampleProject one = SampleProject.create(temp.resolve("clone-1"));
        one.template(AllKinds.TEMPLATE);
        SampleProject two = SampleProject.create(temp.resolve("deeper/clone-2"));
        two.template(AllKinds.TEMPLATE);
        two.touchAll(Instant.parse("2001-02-03T04:05:06Z"));

        PackageResult first = pack(one, Optional.empty());
        PackageResult second = pack(two, Optional.empty());

        assertThat(Files.readAllBytes(second.packagedTemplate())).isEqualTo(Files.readAllBytes(first.packagedTemplate()));
        assertThat(second.bytesUploaded()).isZero();
    }

    @Test
    void encryptsEveryObjectWithTheStagesKmsKey() {
        SampleProject project = SampleProject.create(temp.resolve("p"));
        project.template(AllKinds.TEMPLATE);

        pack(project, Optional.of(keyArn));

        List<S3Object> objects = bucket.s3().listObjectsV2(b -> b.bucket("artifacts")).contents();
        assertThat(objects).hasSizeGreaterThan(10);
        for (S3Object object : objects) {
            HeadObjectResponse head = bucket.s3().headObject(b -> b.bucket("artifacts").key(object.key()));
            assertThat(head.serverSideEncryption()).as(object.key()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(head.ssekmsKeyId()).as(object.key()).isEqualTo(keyArn);
        }
    }

    @Test
    void encryptsEveryObjectWithS3ManagedKeysWithoutAKmsKey() {
        SampleProject project = SampleProject.create(temp.resolve("p"));
        project.template(FUNCTION.formatted("x"));

        pack(project, Optional.empty());

        for (S3Object object : bucket.s3().listObjectsV2(b -> b.bucket("artifacts")).contents()) {
            assertThat(bucket.s3().headObject(b -> b.bucket("artifacts").key(object.key())).serverSideEncryption())
                    .isEqualTo(ServerSideEncryption.AES256);
        }
    }

    @Test
    void packagesNestedTemplatesRecursivelyAndUploadsThemPackaged() throws IOException {
        SampleProject project = SampleProject.create(temp.resolve("p"));
        project.template(FUNCTION.formatted("x"));

        PackageResult result = pack(project, Optional.empty());

        String url = AllKindsValue.scalar(result, "Child", "TemplateURL");
        String child = fetch(url);
        assertThat(child).contains("ChildFunction:").containsPattern("CodeUri: s3://artifacts/svc/[0-9a-f]{64}\\.zip");
        assertThat(result.artifacts()).extracting(ManifestEntry::template, ManifestEntry::resource)
                .contains(org.assertj.core.groups.Tuple.tuple("nested/child.yaml", "ChildFunction"),
                        org.assertj.core.groups.Tuple.tuple("template.yaml", "Child"));
    }

    @Test
    void laysJavaFunctionsOutWithClassesAtTheRootAndJarsUnderLib() throws IOException {
        SampleProject project = SampleProject.create(temp.resolve("p"));
        project.template(FUNCTION.formatted("x"));

        PackageResult result = pack(project, Optional.empty());

        String uri = AllKindsValue.scalar(result, "Fn", "CodeUri");
        byte[] zip = bucket.s3().getObject(b -> b.bucket("artifacts").key(uri.substring("s3://artifacts/".length())),
                ResponseTransformer.toBytes()).asByteArray();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        assertThat(names).containsExactly("com/", "com/example/", "com/example/Handler.class", "lib/",
                "lib/aws-lambda-java-core-1.3.0.jar", "lib/jackson-core-2.20.0.jar", "log4j2.xml");
    }

    @Test
    void usesTheShadedJarAsIsWhenTheProjectBuildsOne() {
        SampleProject project = SampleProject.create(temp.resolve("p"));
        project.template(FUNCTION.formatted("x"));
        PackageRequest plain = project.request("artifacts", Optional.empty());
        PackageRequest shaded = new PackageRequest(plain.templateFile(), plain.projectDir(), plain.outputDir(),
                JavaBuildOutput.shaded(project.dir.resolve("target/service-1.0-shaded.jar")), "artifacts", "svc",
                Optional.empty());

        PackageResult result = new StagePackager(bucket.store(), StageListener.IGNORE).packageTemplate(shaded);

        assertThat(AllKindsValue.scalar(result, "Fn", "CodeUri")).matches("s3://artifacts/svc/[0-9a-f]{64}\\.jar");
    }

    @Test
    void keepsTemplatesUpTo51200BytesInlineAndUploadsLargerOnes() throws IOException {
        SampleProject project = SampleProject.create(temp.resolve("p"));
        project.template(FUNCTION.formatted("x"));
        long base = Files.size(pack(project, Optional.empty()).packagedTemplate());
        String padding = "x".repeat((int) (StagePackager.MAX_INLINE_TEMPLATE_BYTES - base + 1));

        project.template(FUNCTION.formatted(padding));
        PackageResult atLimit = pack(project, Optional.empty());
        long atLimitSize = Files.size(atLimit.packagedTemplate());
        project.template(FUNCTION.formatted(padding + "y"));
        PackageResult over = pack(project, Optional.empty());

        assertThat(atLimitSize).isEqualTo(51_200);
        assertThat(atLimit.templateUrl()).isEmpty();
        assertThat(Files.size(over.packagedTemplate())).isEqualTo(51_201);
        String url = over.templateUrl().orElseThrow();
        assertThat(url).matches(bucket.clients().endpoint().orElseThrow() + "/artifacts/svc/[0-9a-f]{64}\\.template")
                .startsWith("http://localhost:");
        String served = fetch(url);
        assertThat(served).isEqualTo(Files.readString(over.packagedTemplate()));
    }

    @Test
    void packagesWithNoAwsIntoALocalDirectoryReferencedByFileUris() throws IOException {
        SampleProject project = SampleProject.create(temp.resolve("p"));
        project.template(FUNCTION.formatted("x"));
        Path artifacts = project.dir.resolve("target/samstage/local/artifacts");

        PackageResult result = new StagePackager(new LocalArtifactStore(artifacts), StageListener.IGNORE)
                .packageTemplate(project.request("local-artifacts", Optional.empty()));

        String codeUri = AllKindsValue.scalar(result, "Fn", "CodeUri");
        assertThat(codeUri).startsWith(artifacts.toUri().toString()).endsWith(".zip");
        assertThat(Path.of(URI.create(codeUri))).isRegularFile();
        assertThat(result.uploaded()).isEqualTo(3);
    }

    /**
     * Reads a template URL as CloudFormation does, with the caller's credentials (the object is
     * private): the URL's path must be {@code /bucket/key} on the endpoint.
     */
    private String fetch(String url) {
        String prefix = bucket.clients().endpoint().orElseThrow() + "/artifacts/";
        assertThat(url).startsWith(prefix);
        return bucket.s3().getObject(b -> b.bucket("artifacts").key(url.substring(prefix.length())),
                ResponseTransformer.toBytes()).asUtf8String();
    }
}
