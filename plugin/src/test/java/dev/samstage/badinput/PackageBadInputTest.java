package dev.samstage.badinput;


import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.packaging.JavaBuildOutput;
import dev.samstage.core.packaging.PackageRequest;
import dev.samstage.core.packaging.S3ArtifactStore;
import dev.samstage.core.packaging.StagePackager;
import dev.samstage.testing.SamTemplate;
import dev.samstage.testing.aws.LocalAws;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
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

    private static final String GOOD = SamTemplate.sam().function("Good", "code", "app.handler", "python3.12").yaml();

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
        write(project.resolve("nested/missing-code.yaml"),
                SamTemplate.sam().function("ChildFunction", "gone", "app.handler", "python3.12").yaml());
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
                        "template.json:1:31: invalid JSON: unexpected character: expected a value; fix the JSON syntax"),
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

    /** Rows whose whole line is known; {@code {project}} stands for the project directory. */
    static Stream<Arguments> exactLines() {
        return Stream.of(
                row("an alias bomb of 9 levels of 9 aliases", r -> r.template(GOOD + aliasBomb(9, 9)),
                        "{project}/template.yaml:16:27: aliases that copy more than 100000 values (the limit samstage reads "
                                + "YAML with); write the repeated parts out instead"),
                row("20,000 nested [", r -> r.template(GOOD + "Metadata:\n  Deep: " + "[".repeat(20_000) + "\n"),
                        "{project}/template.yaml:11:107: nesting deeper than 100 levels of mappings and sequences (the limit "
                                + "samstage reads files with); flatten the template"),
                row("20,000 nested [ in a JSON template", r -> r.jsonTemplate("{\"Resources\": {\"A\": " + "[".repeat(20_000)),
                        "{project}/template.json:1:119: nesting deeper than 100 levels of mappings and sequences (the limit "
                                + "samstage reads files with); flatten the template"),
                row("a template over CloudFormation's 1 MB", r -> r.template(GOOD + "#".repeat(1_048_576) + "\n"),
                        "{project}/template.yaml is 1,048,798 bytes, over the 1,048,576-byte limit for a template "
                                + "(CloudFormation's largest); move parts into nested stacks (AWS::Serverless::Application)"),
                row("a credentials file given as the template", r -> r.templateFile = r.file("credentials",
                                "[default]\naws_access_key_id = AKIAFAKEFAKEFAKE0001\naws_secret_access_key = fakeSecretDoNotEcho\n"),
                        "{project}/credentials:1:1: the template is not a mapping but a sequence; a template is a mapping "
                                + "with a Resources section"),
                row("an environment file given as the template", r -> r.templateFile = r.file(".env",
                                "API_TOKEN=fakeSecretDoNotEcho\n"),
                        "{project}/.env:1:1: the template is not a mapping but a string value; a template is a mapping with "
                                + "a Resources section"),
                row("a secret given as a JSON template", r -> r.templateFile = r.file("token.json", "fakeSecretDoNotEcho\n"),
                        "{project}/token.json:1:20: invalid JSON: a word that is not a JSON value (expected a string, number, "
                                + "object, array, true, false or null); fix the JSON syntax"),
                row("a directory given as the template", r -> r.templateFile = r.project.resolve("code"),
                        "The template {project}/code is a directory; set -Dsamstage.template to the SAM template file in it "
                                + "(such as template.yaml)."),
                row("a tab indenting the template", r -> r.template(GOOD.replace("  Good:", "\tGood:")),
                        "{project}/template.yaml:4:1: invalid YAML: while scanning for the next token found character "
                                + "'\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation); fix the YAML "
                                + "syntax"),
                row("a template saved as UTF-16", r -> r.templateFile = r.bytes("template.yaml",
                                ("\uFEFF" + GOOD).getBytes(StandardCharsets.UTF_16LE)),
                        "{project}/template.yaml is not UTF-8 text; save the template as UTF-8 (without a byte order mark "
                                + "other than UTF-8's)"),
                row("a template in Latin-1", r -> r.templateFile = r.bytes("template.yaml",
                                (GOOD + "Description: caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1)),
                        "{project}/template.yaml is not UTF-8 text; save the template as UTF-8 (without a byte order mark "
                                + "other than UTF-8's)"),
                row("two documents in the template", r -> r.template(GOOD + "---\n" + GOOD),
                        "{project}/template.yaml:10:1: a second YAML document starts here; a template is one document"),
                row("an empty JSON template", r -> r.jsonTemplate(""),
                        "{project}/template.json: the template is empty; a template is an object with a Resources section"),
                row("a JSON template with a trailing comma", r -> r.jsonTemplate("{\"Resources\": {},}"),
                        "{project}/template.json:1:18: invalid JSON: unexpected character: was expecting double-quote to "
                                + "start field name; fix the JSON syntax"),
                row("an S3 endpoint that is another web server answering 404", r -> r.endpoint = notS3(),
                        "The endpoint http://127.0.0.1:{notS3Port} answered HeadBucket for the artifact bucket 'artifacts' "
                                + "with HTTP 404 but no S3 request id, so it is not S3; point -Dsamstage.endpointUrl (or "
                                + "AWS_ENDPOINT_URL) at an S3 endpoint."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactLines")
    void failsWithExactlyThisLineAndLeavesTheLocalAwsUnchanged(String description, Consumer<Run> input, String expected) {
        input.accept(run);

        BadInput.failsWithExactlyAndChangesNothing(description, run::packageIt, expected
                .replace("{project}", run.project.toString())
                .replace("{notS3Port}", notS3 == null ? "" : String.valueOf(notS3.getAddress().getPort())));
    }

    private static HttpServer notS3;

    /** A web server that is not S3: it answers every request with a 404 HTML page, as a mistyped port might. */
    private static URI notS3() {
        try {
            if (notS3 == null) {
                notS3 = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                notS3.createContext("/", exchange -> {
                    byte[] page = "<html><body><h1>404 Not Found</h1></body></html>".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "text/html");
                    exchange.sendResponseHeaders(404, exchange.getRequestMethod().equals("HEAD") ? -1 : page.length);
                    if (!exchange.getRequestMethod().equals("HEAD")) {
                        exchange.getResponseBody().write(page);
                    }
                    exchange.close();
                });
                notS3.start();
            }
            return URI.create("http://127.0.0.1:" + notS3.getAddress().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopNotS3() {
        if (notS3 != null) {
            notS3.stop(0);
        }
    }

    /** {@code levels} anchored lists under Metadata, each holding {@code width} aliases of the one before. */
    private static String aliasBomb(int levels, int width) {
        StringBuilder yaml = new StringBuilder("Metadata:\n  l0: &l0 [lol, lol]\n");
        for (int level = 1; level <= levels; level++) {
            yaml.append("  l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(width, "*l" + (level - 1)))).append("]\n");
        }
        return yaml.toString();
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

        Path file(String name, String text) {
            Path file = project.resolve(name);
            write(file, text);
            return file;
        }

        Path bytes(String name, byte[] content) {
            try {
                return Files.write(project.resolve(name), content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
