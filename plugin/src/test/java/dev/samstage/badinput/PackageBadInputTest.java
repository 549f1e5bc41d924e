package dev.samstage.badinput;


import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.packaging.JavaBuildOutput;
import dev.samstage.core.packaging.PackageRequest;
import dev.samstage.core.packaging.S3ArtifactStore;
import dev.samstage.core.packaging.StagePackager;
import dev.samstage.testing.aws.LocalAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * Bad input to the package goal (templates, stage settings, credentials, endpoints), each
 * run the way {@code PackageMojo} runs it: {@link AwsClientFactory} to {@link S3ArtifactStore}
 * to {@link StagePackager}. Each fails with one line naming the file, property or value, and
 * the local AWS is left as it was: no object uploaded, no stack touched.
 */
class PackageBadInputTest {

    private static final String GOOD = """
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Good:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: code
                  Handler: app.handler
                  Runtime: python3.12
            """;

    @TempDir
    Path temp;

    private Run run;

    @BeforeEach
    void seed() {
        LocalAwsState.seed();
        Path project = temp.resolve("project");
        write(project.resolve("code/app.py"), "def handler(event, context):\n    return 1\n");
        write(temp.resolve("outside/app.py"), "x = 1\n");
        write(project.resolve("nested/broken.yaml"), "Resources:\n  A: [unclosed\n");
        write(project.resolve("nested/missing-code.yaml"), """
                Resources:
                  ChildFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: gone
                      Handler: app.handler
                      Runtime: python3.12
                """);
        run = new Run(project);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                // templates
                row("CodeUri that does not exist", r -> r.bad("AWS::Serverless::Function", "CodeUri: code/missing"),
                        "template.yaml: Bad (AWS::Serverless::Function) property CodeUri = 'code/missing': the path does not exist"),
                row("CodeUri outside the project", r -> r.bad("AWS::Serverless::Function", "CodeUri: ../outside"),
                        "template.yaml: Bad (AWS::Serverless::Function) property CodeUri = '../outside': the path is outside the project directory"),
                row("absolute CodeUri outside the project", r -> r.bad("AWS::Serverless::Function", "CodeUri: /etc"),
                        "property CodeUri = '/etc': the path is outside the project directory"),
                row("container image function", r -> r.bad("AWS::Serverless::Function", "ImageUri: repo/app:1"),
                        "property ImageUri = 'repo/app:1': container image functions are not supported yet"),
                row("PackageType Image", r -> r.bad("AWS::Serverless::Function", "PackageType: Image"),
                        "property PackageType = 'Image': container image functions are not supported yet"),
                row("layer ContentUri that does not exist", r -> r.bad("AWS::Serverless::LayerVersion", "ContentUri: layers/none"),
                        "Bad (AWS::Serverless::LayerVersion) property ContentUri = 'layers/none': the path does not exist"),
                row("state machine DefinitionUri that does not exist",
                        r -> r.bad("AWS::Serverless::StateMachine", "DefinitionUri: statemachine/none.asl.json"),
                        "property DefinitionUri = 'statemachine/none.asl.json': the path does not exist"),
                row("API DefinitionUri outside the project",
                        r -> r.bad("AWS::Serverless::Api", "StageName: dev\n      DefinitionUri: ../outside/app.py"),
                        "property DefinitionUri = '../outside/app.py': the path is outside the project directory"),
                row("nested application template that does not exist",
                        r -> r.bad("AWS::Serverless::Application", "Location: nested/none.yaml"),
                        "property Location = 'nested/none.yaml': the path does not exist"),
                row("nested template that is not valid YAML",
                        r -> r.bad("AWS::Serverless::Application", "Location: nested/broken.yaml"),
                        "nested/broken.yaml:3:1: invalid YAML: while parsing a flow sequence"),
                row("nested template whose CodeUri does not exist",
                        r -> r.bad("AWS::CloudFormation::Stack", "TemplateURL: nested/missing-code.yaml"),
                        "nested/missing-code.yaml: ChildFunction (AWS::Serverless::Function) property CodeUri = 'gone': the path does not exist"),
                row("nested stack TemplateURL that does not exist",
                        r -> r.bad("AWS::CloudFormation::Stack", "TemplateURL: nested/none.yaml"),
                        "property TemplateURL = 'nested/none.yaml': the path does not exist"),
                row("AWS::Include of a file that does not exist", r -> r.template(GOOD + """
                          Topic:
                            Type: AWS::SNS::Topic
                            Properties:
                              Fn::Transform:
                                Name: AWS::Include
                                Parameters:
                                  Location: include/missing.yaml
                        """), "template.yaml: Topic property Fn::Transform.Parameters.Location = 'include/missing.yaml': the path does not exist"),
                row("Globals CodeUri that does not exist", r -> r.template("""
                        Transform: AWS::Serverless-2016-10-31
                        Globals:
                          Function:
                            CodeUri: build/missing
                        Resources:
                          Fn:
                            Type: AWS::Serverless::Function
                            Properties:
                              Handler: app.handler
                              Runtime: python3.12
                        """), "template.yaml: Globals.Function property CodeUri = 'build/missing': the path does not exist"),
                row("Lambda::Function Code outside the project", r -> r.bad("AWS::Lambda::Function",
                                "Code: ../outside\n      Handler: app.handler\n      Runtime: python3.12\n      Role: arn:aws:iam::111111111111:role/x"),
                        "Bad (AWS::Lambda::Function) property Code = '../outside': the path is outside the project directory"),
                row("Glue job script that does not exist", r -> r.bad("AWS::Glue::Job",
                                "Role: x\n      Command:\n        Name: glueetl\n        ScriptLocation: glue/missing.py"),
                        "Bad (AWS::Glue::Job) property Command.ScriptLocation = 'glue/missing.py': the path does not exist"),
                row("template that is not valid YAML", r -> r.template("Resources:\n  Fn:\n    Type: [AWS::Serverless::Function\n"),
                        "template.yaml:4:1: invalid YAML: while parsing a flow sequence"),
                row("template that is not valid JSON", r -> r.jsonTemplate("{\"Resources\": {\"Fn\": {\"Type\": }}}"),
                        "template.json:1:31: invalid JSON: Unexpected character"),
                row("unknown intrinsic tag", r -> r.bad("AWS::Serverless::Function", "CodeUri: !Reff CodeLocation"),
                        "template.yaml:13:16: unknown tag !Reff; CloudFormation knows !Ref, !Condition"),
                row("template file that does not exist", r -> r.templateFile = r.project.resolve("no-such-template.yaml"),
                        "no-such-template.yaml does not exist; set -Dsamstage.template to the SAM template of the project."),
                row("empty template", r -> r.template(""), "template.yaml: the template is empty; a template is a mapping"),
                row("template that is a list, not a mapping", r -> r.template("- Resources\n- Outputs\n"),
                        "template.yaml:1:1: the template is not a mapping but a sequence"),
                row("empty CodeUri", r -> r.bad("AWS::Serverless::Function", "CodeUri: ''"),
                        "Bad (AWS::Serverless::Function) property CodeUri = '': the value is empty"),
                // stage settings
                row("artifact bucket that does not exist", r -> r.bucket = "no-such-bucket",
                        "The artifact bucket 'no-such-bucket' does not exist; create it or set -Dsamstage.bucket"),
                row("artifact bucket name with capitals and underscores", r -> r.bucket = "Bad_Bucket",
                        "The artifact bucket 'Bad_Bucket' (-Dsamstage.bucket or the stage's bucket) is not a valid S3 bucket name"),
                row("artifact bucket name too short", r -> r.bucket = "ab",
                        "The artifact bucket 'ab' (-Dsamstage.bucket or the stage's bucket) is not a valid S3 bucket name"),
                row("KMS key that is not a key", r -> r.kms = "not-a-key",
                        "The KMS key 'not-a-key' (-Dsamstage.kmsKeyId or the stage's kmsKeyId) is not a key id, key ARN, alias or alias ARN"),
                row("KMS alias without a name", r -> r.kms = "alias/",
                        "The KMS key 'alias/' (-Dsamstage.kmsKeyId or the stage's kmsKeyId) is not a key id"),
                row("KMS key given as another service's ARN", r -> r.kms = "arn:aws:s3:::artifacts",
                        "The KMS key 'arn:aws:s3:::artifacts' (-Dsamstage.kmsKeyId or the stage's kmsKeyId) is not a key id"),
                // credentials
                row("a profile that does not exist", r -> r.credentials = ProfileCredentialsProvider.create("samstage-no-such-profile"),
                        "No AWS credentials to check the artifact bucket 'artifacts' (Profile file contained no credentials for"
                                + " profile 'samstage-no-such-profile'"),
                // endpoints
                row("endpoint where nothing listens", r -> r.endpoint = URI.create("http://localhost:" + closedPort()),
                        "The artifact bucket 'artifacts' is not reachable at http://localhost:"),
                row("endpoint host that does not resolve", r -> r.endpoint = URI.create("http://no-such-host.invalid:4566"),
                        "The artifact bucket 'artifacts' is not reachable at http://no-such-host.invalid:4566"),
                row("https endpoint on a plain http port",
                        r -> r.endpoint = URI.create("https://localhost:" + LocalAws.get().endpoint().getPort()),
                        "The artifact bucket 'artifacts' is not reachable at https://localhost:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void failsWithOneLineAndLeavesTheLocalAwsUnchanged(String description, Consumer<Run> input, String expected) {
        input.accept(run);

        BadInput.failsWithOneLineAndChangesNothing(description, run::packageIt, expected);
    }

    private static Arguments row(String description, Consumer<Run> input, String expected) {
        return BadInput.row(description, input, expected);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One package goal run: the project, the template and the stage settings a row may spoil. */
    static final class Run {
        final Path project;
        Path templateFile;
        String bucket = LocalAwsState.BUCKET;
        String kms;
        AwsCredentialsProvider credentials = LocalAwsState.credentials();
        URI endpoint = LocalAws.get().endpoint();

        Run(Path project) {
            this.project = project;
            template(GOOD);
        }

        void template(String yaml) {
            templateFile = project.resolve("template.yaml");
            write(templateFile, yaml);
        }

        void jsonTemplate(String json) {
            templateFile = project.resolve("template.json");
            write(templateFile, json);
        }

        /** The good template plus a resource {@code Bad} of {@code type} with {@code properties}. */
        void bad(String type, String properties) {
            template(GOOD + "  Bad:\n    Type: " + type + "\n    Properties:\n      " + properties + "\n");
        }

        void packageIt() {
            try (AwsClientFactory clients = AwsClientFactory.create(LocalAwsState.REGION, credentials, endpoint);
                 S3ArtifactStore store = S3ArtifactStore.create(clients)) {
                new StagePackager(store, StageListener.IGNORE).packageTemplate(new PackageRequest(templateFile, project,
                        project.resolve("target/samstage/dev"), JavaBuildOutput.none(), bucket, "svc",
                        Optional.ofNullable(kms)));
            }
        }
    }
}
