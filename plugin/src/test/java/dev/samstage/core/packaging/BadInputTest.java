package dev.samstage.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.events.StageListener;
import dev.samstage.testing.SamTemplate;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input fails with one line naming what is wrong, before anything is uploaded. */
class BadInputTest {

    @TempDir
    Path temp;

    @RegisterExtension
    final LocalBucket artifacts = new LocalBucket("artifacts");

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
        project.template(SamTemplate.sam().function("Good", "code", "app.handler", "python3.12")
                .resource("Bad", "AWS::Serverless::Function", "Handler: app.handler", "Runtime: python3.12", property).yaml());
        PackageRequest request = new PackageRequest(projectDir.resolve("template.yaml"), projectDir,
                projectDir.resolve("target/samstage/dev"), project.javaBuild(), bucket, "svc", Optional.ofNullable(kms));

        assertThatThrownBy(() -> new StagePackager(artifacts.store(), StageListener.IGNORE).packageTemplate(request))
                .isInstanceOf(PackagingException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("\n");
        assertThat(artifacts.s3().listObjectsV2(b -> b.bucket("artifacts")).contents()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nested template of 20,000 nested [   | Location  | deep    | nested/child.yaml:1:111: nesting deeper than 100 levels of mappings and sequences (the limit samstage reads files with); flatten the template
            nested template that is an alias bomb | Location  | bomb    | nested/child.yaml:7:27: aliases that copy more than 100000 values (the limit samstage reads YAML with); write the repeated parts out instead
            nested template holding a secret     | Location  | secret  | nested/child.yaml:1:1: the template is not a mapping but a string value; a template is a mapping with a Resources section
            """)
    void aNestedTemplateIsReadWithinTheSameLimits(String scenario, String property, String content, String message) {
        Path projectDir = temp.resolve("project");
        SampleProject project = SampleProject.create(projectDir);
        project.file("nested/child.yaml", switch (content) {
            case "deep" -> "Resources: " + "[".repeat(20_000) + "\n";
            case "bomb" -> "Resources:\n  l0: &l0 [lol, lol]\n" + java.util.stream.IntStream.rangeClosed(1, 9)
                    .mapToObj(level -> "  l" + level + ": &l" + level + " [" + String.join(", ",
                            java.util.Collections.nCopies(9, "*l" + (level - 1))) + "]\n")
                    .collect(java.util.stream.Collectors.joining());
            default -> "AWS_SECRET_ACCESS_KEY=fakeSecretDoNotEcho\n";
        });
        project.template(SamTemplate.sam().resource("Child", "AWS::Serverless::Application", property + ": nested/child.yaml").yaml());
        PackageRequest request = new PackageRequest(projectDir.resolve("template.yaml"), projectDir,
                projectDir.resolve("target/samstage/dev"), project.javaBuild(), "artifacts", "svc", Optional.empty());

        assertThatThrownBy(() -> new StagePackager(artifacts.store(), StageListener.IGNORE).packageTemplate(request))
                .as(scenario)
                .isInstanceOf(dev.samstage.core.StageException.class)
                .hasMessage(projectDir.resolve(message.substring(0, message.indexOf(':'))) + message.substring(message.indexOf(':')));
        assertThat(artifacts.s3().listObjectsV2(b -> b.bucket("artifacts")).contents()).isEmpty();
    }
}
