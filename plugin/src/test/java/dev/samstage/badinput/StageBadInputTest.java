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

        Run(Path dir) {
            this.dir = dir;
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
            Environment dev = Environment.builder("dev").accountId("111111111111").regions(List.of(LocalAwsState.REGION))
                    .bucket(LocalAwsState.BUCKET).build();
            Environment stage = new EnvironmentResolver("svc").resolve(env, List.of(dev), null, overrides);
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

