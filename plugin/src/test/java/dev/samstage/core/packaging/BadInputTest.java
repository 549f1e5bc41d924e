package dev.samstage.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageListener;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** Each bad input fails with one line naming what is wrong, before anything is uploaded. */
class BadInputTest {

    @TempDir
    Path temp;

    private AwsClientFactory clients;
    private S3Client s3;
    private S3ArtifactStore store;

    @BeforeEach
    void emptyBucket() {
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing path     | CodeUri: code/missing           | artifacts  |                | template.yaml: Bad (AWS::Serverless::Function) property CodeUri = 'code/missing': the path does not exist
            outside project  | CodeUri: ../outside             | artifacts  |                | template.yaml: Bad (AWS::Serverless::Function) property CodeUri = '../outside': the path is outside the project directory
            image uri        | ImageUri: repo/app:1            | artifacts  |                | template.yaml: Bad (AWS::Serverless::Function) property ImageUri = 'repo/app:1': container image functions are not supported yet
            image type       | PackageType: Image              | artifacts  |                | template.yaml: Bad (AWS::Serverless::Function) property PackageType = 'Image': container image functions are not supported yet
            bad kms key      | CodeUri: code                   | artifacts  | my-key         | The KMS key 'my-key' (-Dsamstage.kmsKeyId or the stage's kmsKeyId) is not a key id, key ARN, alias or alias ARN
            missing bucket   | CodeUri: code                   | nope-bkt   |                | The artifact bucket 'nope-bkt' does not exist
            bad bucket name  | CodeUri: code                   | Bad_Bucket |                | The artifact bucket 'Bad_Bucket' (-Dsamstage.bucket or the stage's bucket) is not a valid S3 bucket name
            """)
    void failsWithOneLineBeforeUploadingAnything(String scenario, String property, String bucket, String kms,
                                                 String message) {
        Path projectDir = temp.resolve("project");
        SampleProject project = SampleProject.create(projectDir);
        project.file("../outside/app.py", "x = 1\n");
        project.template("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Good:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: code
                      Handler: app.handler
                      Runtime: python3.12
                  Bad:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                      Runtime: python3.12
                      %s
                """.formatted(property));
        PackageRequest request = new PackageRequest(projectDir.resolve("template.yaml"), projectDir,
                projectDir.resolve("target/samstage/dev"), project.javaBuild(), bucket, "svc", Optional.ofNullable(kms));

        assertThatThrownBy(() -> new StagePackager(store, StageListener.IGNORE).packageTemplate(request))
                .isInstanceOf(PackagingException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("\n");
        assertThat(s3.listObjectsV2(b -> b.bucket("artifacts")).contents()).isEmpty();
    }
}
