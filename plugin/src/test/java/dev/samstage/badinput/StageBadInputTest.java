package dev.samstage.badinput;


import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.config.EnvironmentResolver;
import dev.samstage.core.deploy.DeployRequest;
import dev.samstage.core.deploy.StageDeployer;
import dev.samstage.core.local.LocalStage;
import dev.samstage.core.local.LocalStageRequest;
import dev.samstage.core.stage.StageCheck;
import dev.samstage.testing.aws.LocalAws;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to stage selection, stage configuration, the deploy goal and the local stage,
 * each run the way the goals run it ({@link EnvironmentResolver} with {@code -D} overrides,
 * {@link StageDeployer} through {@link AwsClientFactory}, {@link LocalStage#start}). Each
 * fails with one line naming the property or file and its value; nothing in the local AWS
 * changes (no object, no stack, no change set executed).
 */
class StageBadInputTest {

    private static final String PACKAGED = """
            AWSTemplateFormatVersion: '2010-09-09'
            Parameters:
              Stage:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """;

    /** A template of one function {@code Orders}; {@code %s} is its properties in flow style. */
    private static final String ORDERS = "Resources:\n  Orders: {Type: AWS::Serverless::Function, Properties: %s}\n";

    @TempDir
    Path temp;

    private Run run;

    @BeforeEach
    void seed() {
        LocalAwsState.seed();
        run = new Run(temp);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                // stage selection
                row("no -Denv", r -> r.env = null, "No stage selected: add -Denv=<stage> (known stages: dev, local)."),
                row("blank -Denv", r -> r.env = " ", "No stage selected: add -Denv=<stage> (known stages: dev, local)."),
                row("unknown -Denv", r -> r.env = "qa", "Unknown stage -Denv=qa (known stages: dev, local)"),
                // stage configuration given with -D
                row("account id that is not 12 digits", r -> r.set("samstage.accountId", "12345"),
                        "-Dsamstage.accountId = '12345' is not an AWS account id (12 digits)."),
                row("region that is not a region", r -> r.set("samstage.region", "europe"),
                        "-Dsamstage.region = 'europe' is not an AWS region name (such as eu-west-1)."),
                row("role ARN that is not a role ARN", r -> r.set("samstage.roleArn", "deploy-role"),
                        "-Dsamstage.roleArn = 'deploy-role' is not an IAM role ARN"),
                row("role in another account than the stage's", r -> r.set("samstage.roleArn",
                                "arn:aws:iam::222222222222:role/deployer"),
                        "is a role in account 222222222222 but the stage deploys to account 111111111111"),
                row("stack name CloudFormation refuses", r -> r.set("samstage.stackName", "1_bad stack"),
                        "-Dsamstage.stackName = '1_bad stack' is not a CloudFormation stack name"),
                row("template configuration file that does not exist",
                        r -> r.set("samstage.templateConfiguration", "config/none.json"),
                        "-Dsamstage.templateConfiguration = 'config/none.json' does not exist"),
                // deploy
                row("packaged template that does not exist", r -> r.packaged = r.dir.resolve("target/none.yaml"),
                        "none.yaml); run the package goal first."),
                row("required stack parameter without a value", r -> r.deploy(PACKAGED),
                        "Template parameter Stage of stack svc-dev has no Default and no value; nothing was deployed."),
                row("reviewed change set that does not exist", r -> {
                    r.changeSet = "samstage-never-created";
                    r.deploy(PACKAGED.replace("    Type: String\n", "    Type: String\n    Default: dev\n"));
                }, "Change set -Dsamstage.changeSet=samstage-never-created cannot be found for stack svc-dev in us-east-1"),
                // local stage
                row("handler class that does not exist", r -> r.local("""
                        Resources:
                          Orders:
                            Type: AWS::Serverless::Function
                            Properties:
                              Handler: example.NoSuchHandler::handle
                              Events:
                                Get: {Type: Api, Properties: {Path: /orders, Method: get}}
                        """), "Function Orders: Handler example.NoSuchHandler::handle names class example.NoSuchHandler"),
                row("route whose function has no handler", r -> r.local("""
                        Resources:
                          Orders:
                            Type: AWS::Serverless::Function
                            Properties:
                              Runtime: java21
                              Events:
                                Get: {Type: Api, Properties: {Path: /orders, Method: get}}
                        """), "template.yaml: Resources.Orders.Properties.Handler is missing; add Handler: pkg.Class::method"
                        + " to the function or to Globals.Function"),
                row("two functions on the same route", r -> r.local("""
                        Resources:
                          A:
                            Type: AWS::Serverless::Function
                            Properties:
                              Handler: example.A::handle
                              Events:
                                Get: {Type: Api, Properties: {Path: /orders, Method: get}}
                          B:
                            Type: AWS::Serverless::Function
                            Properties:
                              Handler: example.B::handle
                              Events:
                                Get: {Type: Api, Properties: {Path: /orders, Method: get}}
                        """), "template.yaml: Resources.B.Properties.Events.Get declares route GET /orders of ServerlessRestApi,"
                        + " which A.Get already declares; remove or change the Path/Method of one of them"),
                // the same template checks for an AWS stage, made by validate before anything is built
                row("dev: function without Handler", r -> r.validate(ORDERS.formatted("{Runtime: java21}")),
                        "template.yaml: Resources.Orders.Properties.Handler is missing; add Handler: pkg.Class::method"
                        + " to the function or to Globals.Function"),
                row("dev: Api event without Path", r -> r.validate(ORDERS.formatted(
                        "{Handler: example.Orders::handle, Events: {Get: {Type: Api, Properties: {Method: get}}}}")),
                        "template.yaml: Resources.Orders.Properties.Events.Get.Properties.Path is missing;"
                        + " an Api event needs Path: /resource and Method: get"),
                row("dev: two events on one route", r -> r.validate(ORDERS.formatted("{Handler: example.Orders::handle, Events: {"
                        + "Get: {Type: Api, Properties: {Path: '/orders/{id}', Method: get}},"
                        + " Fetch: {Type: Api, Properties: {Path: '/orders/{key}', Method: GET}}}}")),
                        "template.yaml: Resources.Orders.Properties.Events.Fetch declares route GET /orders/{key} of"
                        + " ServerlessRestApi, which Orders.Get already declares; remove or change the Path/Method of one of them"),
                row("dev: Timeout over Lambda's 900 s", r -> r.validate(ORDERS.formatted("{Handler: example.Orders::handle, Timeout: 3600}")),
                        "template.yaml: Resources.Orders.Properties.Timeout '3600' is not a whole number of seconds"
                        + " from 1 to 900; write e.g. Timeout: 30"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void failsWithOneLineAndLeavesTheLocalAwsUnchanged(String description, Consumer<Run> input, String expected) {
        input.accept(run);

        BadInput.failsWithOneLineAndChangesNothing(description, run::go, expected);
    }

    /** Rows whose whole line is known; {@code {dir}} stands for the project directory. */
    static Stream<Arguments> exactLines() {
        return Stream.of(
                row("a stage name that climbs out of the project", r -> r.declare("../../../escape"),
                        "<environment><name>../../../escape</name>: '../../../escape' is not a valid stage name; use 1 to 128 "
                                + "letters, digits, hyphens and underscores (the name becomes a directory under "
                                + "target/samstage/ and part of S3 keys and stack names)."),
                row("a stage name with a space", r -> r.declare("qa stage"),
                        "<environment><name>qa stage</name>: 'qa stage' is not a valid stage name; use 1 to 128 letters, "
                                + "digits, hyphens and underscores (the name becomes a directory under target/samstage/ and "
                                + "part of S3 keys and stack names)."),
                row("two stages named dev in other accounts and regions", r -> r.declared.add(Environment.builder("dev")
                                .accountId("222222222222").regions(List.of("eu-west-1")).bucket(LocalAwsState.BUCKET).build()),
                        "Two <environment> elements are named 'dev': the 1st (account 111111111111, region us-east-1) and "
                                + "the 2nd (account 222222222222, region eu-west-1); rename or remove one, each stage is "
                                + "declared once."),
                row("a stage name whose stack name CloudFormation refuses", r -> r.declare("qa_1"),
                        "The stack name 'svc-qa_1' made of the project name 'svc' and the stage name is not a CloudFormation "
                                + "stack name (a letter, then up to 127 letters, digits and hyphens); set <stackName> in the "
                                + "stage's <environment> or -Dsamstage.stackName."),
                row("an explicit stack name of 129 characters", r -> r.set("samstage.stackName", "s".repeat(129)),
                        "-Dsamstage.stackName = '" + "s".repeat(129) + "' is not a CloudFormation stack name (a letter, then "
                                + "up to 127 letters, digits and hyphens)."),
                row("a samconfig.toml stack name that is a number", r -> r.samconfig("[dev.deploy.parameters]\nstack_name = 42\n"),
                        "{dir}/samconfig.toml: [dev.deploy.parameters] stack_name must be a string (stack_name = \"...\") "
                                + "but is the number 42; fix the value in the file."),
                row("a samconfig.toml that is not TOML and holds a secret",
                        r -> r.samconfig("aws_secret_access_key = fakeSecretDoNotEcho\n"),
                        "{dir}/samconfig.toml:1:25: not valid TOML: unexpected text, expected ', \", ''', \"\"\", a number, a "
                                + "boolean, a date/time, an array, or a table; fix the file or remove it."),
                row("a samconfig.toml of 20,000 nested [", r -> r.samconfig("x = " + "[".repeat(20_000) + "\n"),
                        "{dir}/samconfig.toml:1: nesting deeper than 100 levels of mappings and sequences (the limit samstage "
                                + "reads files with); a samconfig.toml holds flat tables of settings; fix the file or remove it."),
                row("a template configuration that is not JSON and holds a secret", r -> r.templateConfiguration(
                                "AKIAFAKEFAKEFAKE0001:fakeSecretDoNotEcho\n"),
                        "Template configuration {dir}/config.json:1:21 is not valid JSON (a word that is not a JSON value "
                                + "(expected a string, number, object, array, true, false or null)); it must look like "
                                + "{\"Parameters\":{}, \"Tags\":{}, \"StackPolicy\":{}}."),
                row("a template configuration of 20,000 nested [", r -> r.templateConfiguration(
                                "{\"Parameters\": " + "[".repeat(20_000)),
                        "Template configuration {dir}/config.json: nesting deeper than 100 levels of mappings and sequences "
                                + "(the limit samstage reads files with); it must look like {\"Parameters\":{}, \"Tags\":{}, "
                                + "\"StackPolicy\":{}}."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactLines")
    void failsWithExactlyThisLineAndLeavesTheLocalAwsUnchanged(String description, Consumer<Run> input, String expected)
            throws IOException {
        input.accept(run);

        BadInput.failsWithExactlyAndChangesNothing(description, run::go, expected.replace("{dir}", temp.toString()));
        // nothing was written for the stage (but the packaged template the test stands in for the package goal with),
        // inside the project or out of it
        assertThat(filesUnder(temp.resolve("target"))).isSubsetOf(List.of(temp.resolve("target/samstage/dev/packaged-template.yaml")));
        assertThat(temp.resolve("target/samstage/../../../escape").normalize()).doesNotExist();
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static Arguments row(String description, Consumer<Run> input, String expected) {
        return BadInput.row(description, input, expected);
    }

    /** One goal run: the stage selection and settings, then a deploy or a local stage start. */
    static final class Run {
        final Path dir;
        String env = "dev";
        final Map<String, String> overrides = new java.util.TreeMap<>();
        Path packaged;
        String changeSet;
        Path localTemplate;
        Path validatedTemplate;
        Path samconfig;
        final List<Environment> declared = new java.util.ArrayList<>(List.of(Environment.builder("dev")
                .accountId("111111111111").regions(List.of(LocalAwsState.REGION)).bucket(LocalAwsState.BUCKET).build()));

        Run(Path dir) {
            this.dir = dir;
        }

        /** Declares one more stage and selects it. */
        void declare(String name) {
            declared.add(Environment.builder(name).accountId("111111111111").regions(List.of(LocalAwsState.REGION))
                    .bucket(LocalAwsState.BUCKET).build());
            env = name;
        }

        void samconfig(String toml) {
            samconfig = write("samconfig.toml", toml);
        }

        void templateConfiguration(String json) {
            set("samstage.templateConfiguration", write("config.json", json).toString());
        }

        void set(String property, String value) {
            overrides.put(property, value);
        }

        void deploy(String template) {
            packaged = write("target/samstage/dev/packaged-template.yaml", template);
        }

        void local(String template) {
            env = "local";
            localTemplate = write("template.yaml", template);
        }

        void validate(String template) {
            validatedTemplate = write("template.yaml", template);
        }

        void go() {
            Environment stage = new EnvironmentResolver("svc", dir, Map.of()).resolve(env, declared, samconfig, overrides);
            if (validatedTemplate != null) {
                new StageCheck(event -> { }).check(stage, validatedTemplate);
                return;
            }
            if (stage.isLocal()) {
                LocalStage.start(new LocalStageRequest(localTemplate, List.of(), "local", 0, Map.of()), event -> { }).close();
                return;
            }
            Path template = packaged != null ? packaged : write("target/samstage/dev/packaged-template.yaml",
                    PACKAGED.replace("    Type: String\n", "    Type: String\n    Default: dev\n"));
            try (AwsClientFactory base = AwsClientFactory.create(LocalAwsState.REGION, LocalAwsState.credentials(),
                    LocalAws.get().endpoint())) {
                new StageDeployer(base, event -> { }).deploy(new DeployRequest(stage, "svc", template, Optional.empty(),
                        dir.resolve("target/samstage/dev"), Optional.ofNullable(changeSet), false, Map.of()));
            }
        }

        private Path write(String relative, String text) {
            Path file = dir.resolve(relative);
            try {
                Files.createDirectories(file.getParent());
                return Files.writeString(file, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

