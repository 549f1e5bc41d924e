package dev.samstage.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EnvironmentResolverTest {

    @TempDir
    Path dir;

    private EnvironmentResolver resolver() {
        return new EnvironmentResolver("orders", dir, Map.of());
    }

    private Path samConfig(String text) throws IOException {
        Path file = dir.resolve("samconfig.toml");
        Files.writeString(file, text);
        return file;
    }

    private static Environment dev() {
        return Environment.builder("dev").accountId("111111111111").regions(List.of("eu-west-1")).build();
    }

    @Test
    void fillsDefaultsFromTheProjectName() {
        Environment e = resolver().resolve("dev", List.of(dev()));
        assertThat(e.stackName()).isEqualTo("orders-dev");
        assertThat(e.prefix()).isEqualTo("orders");
        assertThat(e.suiteTag()).isEqualTo(EnvironmentResolver.INTEGRATION_TAG);
        assertThat(e.deploymentPreference()).isEqualTo(EnvironmentResolver.DEFAULT_PREFERENCE);
        assertThat(e.production()).isFalse();
        assertThat(resolver().deploymentRoleArn(e, "eu-west-1"))
                .isEqualTo("arn:aws:iam::111111111111:role/orders-eu-west-1-DeploymentRole");
    }

    @Test
    void anArtifactIdWithDotsAndUnderscoresGivesAStackNameWithHyphensAndKeepsItsPrefix() {
        Environment e = new EnvironmentResolver("com.example.orders_api", dir, Map.of()).resolve("dev", List.of(dev()));

        assertThat(e.stackName()).isEqualTo("com-example-orders-api-dev");
        assertThat(e.prefix()).isEqualTo("com.example.orders_api");
    }

    @Test
    void unknownStageNamesTheKnownOnesIncludingThoseOfSamConfig() throws IOException {
        Path sam = samConfig("[qa.deploy.parameters]\nregion = \"eu-west-1\"\n");
        assertThatThrownBy(() -> resolver().resolve("stagin", List.of(dev()), sam, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown stage -Denv=stagin (known stages: dev, local, qa); declare it as an <environment> "
                        + "in the samstage plugin configuration.");
    }

    @Test
    void localStageExistsWithoutDeclaration() {
        assertThat(resolver().resolve("local", List.of()).isLocal()).isTrue();
    }

    @Test
    void mergesSamConfigUnderThePomAndOverridesOverBoth() throws IOException {
        Path sam = samConfig("""
                version = 0.1
                [dev.deploy.parameters]
                stack_name = "orders-from-sam"
                s3_bucket = "sam-bucket"
                s3_prefix = "sam-prefix"
                region = "eu-central-1"
                kms_key_id = "alias/sam"
                parameter_overrides = "Stage=dev Greeting=\\"hello world\\" Size=small"
                tags = "team=\\"payments\\" cost=42"
                capabilities = "CAPABILITY_IAM CAPABILITY_AUTO_EXPAND"
                role_arn = "arn:aws:iam::111111111111:role/cfn-service"
                """);
        Environment pom = dev().toBuilder().bucket("pom-bucket").parameterOverrides(Map.of("Size", "large")).build();
        Environment e = resolver().resolve("dev", List.of(pom), sam, Map.of(
                StagePropertyNames.BUCKET, "cli-bucket",
                StagePropertyNames.PARAMETER_OVERRIDES, "Greeting=hi",
                "unrelated.property", "x"));
        assertThat(e.bucket()).isEqualTo("cli-bucket");
        assertThat(e.stackName()).isEqualTo("orders-from-sam");
        assertThat(e.prefix()).isEqualTo("sam-prefix");
        assertThat(e.regions()).containsExactly("eu-west-1");
        assertThat(e.kmsKeyId()).isEqualTo("alias/sam");
        assertThat(e.parameterOverrides()).containsExactlyInAnyOrderEntriesOf(
                Map.of("Stage", "dev", "Greeting", "hi", "Size", "large"));
        assertThat(e.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "payments", "cost", "42"));
        assertThat(e.capabilities()).containsExactly("CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND");
        assertThat(e.cloudFormationRoleArn()).isEqualTo("arn:aws:iam::111111111111:role/cfn-service");
        assertThat(e.explicitRoleArn()).isEmpty();
    }

    @Test
    void readsTheListFormOfSamConfigValues() throws IOException {
        Path sam = samConfig("""
                [dev.deploy.parameters]
                parameter_overrides = ["Stage=dev", "Greeting=hello world"]
                capabilities = ["CAPABILITY_NAMED_IAM"]
                """);
        Environment e = resolver().resolve("dev", List.of(dev()), sam, Map.of());
        assertThat(e.parameterOverrides()).containsExactlyInAnyOrderEntriesOf(Map.of("Stage", "dev", "Greeting", "hello world"));
        assertThat(e.capabilities()).containsExactly("CAPABILITY_NAMED_IAM");
    }

    @Test
    void aStageOnlyInSamConfigResolvesWithOverrides() throws IOException {
        Path sam = samConfig("[qa.deploy.parameters]\nregion = \"us-east-2\"\ns3_bucket = \"qa-artifacts\"\n");
        Environment e = resolver().resolve("qa", List.of(), sam, Map.of(StagePropertyNames.ACCOUNT_ID, "333333333333",
                StagePropertyNames.REGION, "us-east-2,us-west-2", StagePropertyNames.REQUIRES_APPROVAL, "true"));
        assertThat(e.accountId()).isEqualTo("333333333333");
        assertThat(e.regions()).containsExactly("us-east-2", "us-west-2");
        assertThat(e.bucket()).isEqualTo("qa-artifacts");
        assertThat(e.requiresApproval()).isTrue();
    }

    @ParameterizedTest(name = "{0} is production: {1}")
    @CsvSource({"prod,true", "production,true", "PROD,true", "dev,false", "preprod,false"})
    void productionFollowsTheStageName(String name, boolean production) {
        Environment declared = Environment.builder(name).accountId("222222222222").regions(List.of("eu-west-1")).build();
        Environment e = resolver().resolve(name, List.of(declared));
        assertThat(e.production()).isEqualTo(production);
        assertThat(e.suiteTag()).isEqualTo(production ? EnvironmentResolver.SANITY_TAG : EnvironmentResolver.INTEGRATION_TAG);
    }

    @Test
    void regionFallsBackToTheAwsRegionVariable() {
        Environment declared = Environment.builder("dev").accountId("111111111111").build();
        Environment e = new EnvironmentResolver("orders", dir, Map.of("AWS_REGION", "ap-southeast-2"))
                .resolve("dev", List.of(declared));
        assertThat(e.regions()).containsExactly("ap-southeast-2");
    }

    @Test
    void aRelativeTemplateConfigurationIsTheProjectsFileWhateverTheWorkingDirectory() throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/dev.json"), "{}");

        Environment e = resolver().resolve("dev", List.of(dev()), null,
                Map.of(StagePropertyNames.TEMPLATE_CONFIGURATION, "config/dev.json"));

        assertThat(e.templateConfiguration()).isEqualTo(dir.resolve("config/dev.json"));
    }

    @Test
    void listsEveryProblemAtOnceNamingElementAndValue() {
        Environment prod = Environment.builder("prod")
                .regions(List.of("eu-west-1", "Europe"))
                .roleArn("arn:aws:iam::12345:role/x")
                .bucket("Bad_Bucket")
                .templateConfiguration(Path.of("config/prod.json"))
                .build();
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> resolver().resolve("prod", List.of(prod), null,
                Map.of(StagePropertyNames.EXTERNAL_ID, "x")));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "<environment> prod: <regions> = 'Europe' is not an AWS region name (such as eu-west-1).",
                "<environment> prod: <roleArn> = 'arn:aws:iam::12345:role/x' is not an IAM role ARN "
                        + "(arn:aws:iam::<12-digit account>:role/<name>).",
                "-Dsamstage.externalId is not a valid external id (2 to 1224 characters of letters, digits and +=,.@:/-).",
                "<environment> prod: <bucket> = 'Bad_Bucket' is not a valid S3 bucket name (3-63 lowercase letters, "
                        + "digits, dots and hyphens, starting and ending with a letter or digit).",
                "production stage 'prod' has no <accountId>: a production deployment must check the account it lands in; "
                        + "set <accountId> or -Dsamstage.accountId.",
                "<environment> prod: <templateConfiguration> = 'config/prod.json' does not exist (under " + dir
                        + "); fix the path or remove the setting.");
        assertThat(e.getMessage()).startsWith("6 problems in the stage configuration:");
    }

    @Test
    void namesTheSamConfigKeyOrPropertyWhereABadValueWasWritten() throws IOException {
        Path sam = samConfig("[dev.deploy.parameters]\nregion = \"eu-west-one\"\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> resolver().resolve("dev",
                List.of(Environment.builder("dev").build()), sam, Map.of(StagePropertyNames.ACCOUNT_ID, "1111")));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "samconfig.toml [dev.deploy.parameters] region = 'eu-west-one' is not an AWS region name (such as eu-west-1).",
                "-Dsamstage.accountId = '1111' is not an AWS account id (12 digits).");
    }

    @Test
    void refusesAnExternalIdWithoutARoleAndARoleInAnotherAccount() {
        Environment noRole = Environment.builder("dev").regions(List.of("eu-west-1")).externalId("ext-123").build();
        assertThatThrownBy(() -> resolver().resolve("dev", List.of(noRole)))
                .hasMessage("<environment> dev: <externalId> is set but stage 'dev' has no role to assume: set <roleArn> "
                        + "or <accountId> (for the conventional role).");
        Environment otherAccount = dev().toBuilder().roleArn("arn:aws:iam::999999999999:role/deployer").build();
        assertThatThrownBy(() -> resolver().resolve("dev", List.of(otherAccount)))
                .hasMessage("<environment> dev: <roleArn> = 'arn:aws:iam::999999999999:role/deployer' is a role in account "
                        + "999999999999 but the stage deploys to account 111111111111 (<environment> dev: <accountId>); "
                        + "name a role in 111111111111.");
    }

    @Test
    void rejectsAMalformedOverridePair() {
        assertThatThrownBy(() -> resolver().resolve("dev", List.of(dev()), null,
                Map.of(StagePropertyNames.PARAMETER_OVERRIDES, "Stage=dev oops")))
                .hasMessage("-Dsamstage.parameterOverrides has 'oops', which is not Key=Value; write pairs as "
                        + "Key=Value Key2=\"a value\".");
    }

    static Stream<Arguments> badStageNames() {
        Environment qa = Environment.builder("qa").accountId("222222222222").regions(List.of("us-east-1")).build();
        return Stream.of(
                arguments("a name that climbs out of the project", List.of(named("../../../escape")), "dev",
                        "<environment><name>../../../escape</name>: '../../../escape' is not a valid stage name; use 1 to "
                                + "128 letters, digits, hyphens and underscores (the name becomes a directory under "
                                + "target/samstage/ and part of S3 keys and stack names)."),
                arguments("a name with a space", List.of(dev(), named("qa stage")), "qa stage",
                        "<environment><name>qa stage</name>: 'qa stage' is not a valid stage name; use 1 to 128 letters, "
                                + "digits, hyphens and underscores (the name becomes a directory under target/samstage/ and "
                                + "part of S3 keys and stack names)."),
                arguments("a name with a slash, when another stage is selected", List.of(dev(), named("eu/dev")), "dev",
                        "<environment><name>eu/dev</name>: 'eu/dev' is not a valid stage name; use 1 to 128 letters, "
                                + "digits, hyphens and underscores (the name becomes a directory under target/samstage/ and "
                                + "part of S3 keys and stack names)."),
                arguments("a blank name", List.of(named(" ")), "dev",
                        "<environment><name> </name>: ' ' is not a valid stage name; use 1 to 128 letters, digits, hyphens "
                                + "and underscores (the name becomes a directory under target/samstage/ and part of S3 keys "
                                + "and stack names)."),
                arguments("two stages named dev", List.of(dev(), qa, qa.toBuilder().build(), dev().toBuilder()
                                .accountId("333333333333").regions(List.of("ap-south-1")).build()), "dev",
                        "2 problems in the stage configuration:\n  - Two <environment> elements are named 'qa': the 2nd "
                                + "(account 222222222222, region us-east-1) and the 3rd (account 222222222222, region "
                                + "us-east-1); rename or remove one, each stage is declared once.\n  - Two <environment> "
                                + "elements are named 'dev': the 1st (account 111111111111, region eu-west-1) and the 4th "
                                + "(account 333333333333, region ap-south-1); rename or remove one, each stage is declared "
                                + "once."),
                arguments("a name whose stack name CloudFormation refuses", List.of(dev(), named("qa_1")), "qa_1",
                        "The stack name 'orders-qa_1' made of the project name 'orders' and the stage name is not a "
                                + "CloudFormation stack name (a letter, then up to 127 letters, digits and hyphens); set "
                                + "<stackName> in the stage's <environment> or -Dsamstage.stackName."),
                arguments("a name that makes the stack name longer than 128", List.of(named("d".repeat(125))),
                        "d".repeat(125), "The stack name 'orders-" + "d".repeat(125) + "' made of the project name "
                                + "'orders' and the stage name is not a CloudFormation stack name (a letter, then up to 127 "
                                + "letters, digits and hyphens); set <stackName> in the stage's <environment> or "
                                + "-Dsamstage.stackName."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStageNames")
    void refusesStageNamesThatAreNotSafeOrNotUnique(String description, List<Environment> declared, String requested,
            String expected) {
        assertThatThrownBy(() -> resolver().resolve(requested, declared))
                .as(description)
                .isInstanceOf(ConfigException.class)
                .hasMessage(expected);
    }

    @Test
    void anExplicitStackNameOfAStageWhoseNameHasAnUnderscoreIsAccepted() {
        Environment e = resolver().resolve("qa_1", List.of(named("qa_1").toBuilder().stackName("orders-qa-1").build()));

        assertThat(e.stackName()).isEqualTo("orders-qa-1");
    }

    @Test
    void anExplicitStackNameLongerThan128IsRefused() {
        assertThatThrownBy(() -> resolver().resolve("dev", List.of(dev().toBuilder().stackName("s".repeat(129)).build())))
                .hasMessage("<environment> dev: <stackName> = '" + "s".repeat(129) + "' is not a CloudFormation stack name "
                        + "(a letter, then up to 127 letters, digits and hyphens).");
    }

    private static Environment named(String name) {
        return Environment.builder(name).accountId("111111111111").regions(List.of("eu-west-1")).build();
    }

    static Stream<Arguments> badSamConfigs() {
        return Stream.of(
                arguments("a stack name that is a number", "[dev.deploy.parameters]\nstack_name = 42\n",
                        "samconfig.toml: [dev.deploy.parameters] stack_name must be a string (stack_name = \"...\") but is "
                                + "the number 42; fix the value in the file."),
                arguments("a region given as a list", "[dev.deploy.parameters]\nregion = [\"eu-west-1\"]\n",
                        "samconfig.toml: [dev.deploy.parameters] region must be a string (region = \"...\") but is an "
                                + "array; fix the value in the file."),
                arguments("a bucket that is a boolean", "[dev.deploy.parameters]\ns3_bucket = true\n",
                        "samconfig.toml: [dev.deploy.parameters] s3_bucket must be a string (s3_bucket = \"...\") but is "
                                + "the boolean true; fix the value in the file."),
                arguments("a role ARN that is a table", "[dev.deploy.parameters.role_arn]\narn = \"x\"\n",
                        "samconfig.toml: [dev.deploy.parameters] role_arn must be a string (role_arn = \"...\") but is a "
                                + "table; fix the value in the file."),
                arguments("parameter overrides that are a number", "[dev.deploy.parameters]\nparameter_overrides = 7\n",
                        "samconfig.toml: [dev.deploy.parameters] parameter_overrides must be a string or an array of "
                                + "strings but is the number 7; fix the value in the file."),
                arguments("tags holding a number", "[dev.deploy.parameters]\ntags = [\"team=a\", 3]\n",
                        "samconfig.toml: [dev.deploy.parameters] tags[1] must be a string but is the number 3; fix the "
                                + "value in the file."),
                arguments("capabilities that are a boolean", "[dev.deploy.parameters]\ncapabilities = false\n",
                        "samconfig.toml: [dev.deploy.parameters] capabilities must be a string or an array of strings "
                                + "but is the boolean false; fix the value in the file."),
                arguments("deploy parameters that are a string", "[dev.deploy]\nparameters = \"stack_name=x\"\n",
                        "samconfig.toml: dev.deploy.parameters must be a table ([dev.deploy.parameters]) but is the "
                                + "string \"stack_name=x\"; fix the value in the file."),
                arguments("deploy that is a number", "[dev]\ndeploy = 1\n",
                        "samconfig.toml: dev.deploy must be a table ([dev.deploy.parameters]) but is the number 1; fix the "
                                + "value in the file."),
                arguments("text that is not TOML, with a secret in it", "aws_secret_access_key = fakeSecretDoNotEcho\n",
                        "samconfig.toml:1:25: not valid TOML: unexpected text, expected ', \", ''', \"\"\", a number, a "
                                + "boolean, a date/time, an array, or a table; fix the file or remove it."),
                arguments("20,000 nested [", "x = " + "[".repeat(20_000) + "]".repeat(20_000) + "\n",
                        "samconfig.toml:1: nesting deeper than 100 levels of mappings and sequences (the limit samstage "
                                + "reads files with); a samconfig.toml holds flat tables of settings; fix the file or remove it."),
                arguments("a stage table whose name is not a stage name", "[\"qa stage\".deploy.parameters]\n"
                                + "stack_name = \"orders-qa\"\n",
                        "samconfig.toml table [qa stage.deploy.parameters]: 'qa stage' is not a valid stage name; use 1 to "
                                + "128 letters, digits, hyphens and underscores (the name becomes a directory under "
                                + "target/samstage/ and part of S3 keys and stack names)."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSamConfigs")
    void aSamConfigOfTheWrongShapeIsOneLineNamingFileKeyTypeAndValue(String description, String toml, String expected)
            throws IOException {
        Path sam = samConfig(toml);
        String requested = toml.contains("qa stage") ? "qa stage" : "dev";

        assertThatThrownBy(() -> resolver().resolve(requested, List.of(dev()), sam, Map.of()))
                .as(description)
                .isInstanceOf(ConfigException.class)
                .hasMessage(expected.startsWith("samconfig.toml:") ? sam + expected.substring("samconfig.toml".length())
                        : expected)
                .hasMessageNotContaining("fakeSecret");
    }

    @Test
    void aSamConfigOverTheSizeLimitIsRefusedBeforeItIsParsed() throws IOException {
        Path sam = samConfig("#".repeat(1_048_577));

        assertThatThrownBy(() -> resolver().resolve("dev", List.of(dev()), sam, Map.of()))
                .hasMessage(sam + " is 1,048,577 bytes, over the 1,048,576-byte limit for a samconfig.toml; keep only the "
                        + "[<env>.deploy.parameters] tables in it.");
    }

    @Test
    void aSamConfigThatIsADirectoryIsNamed() throws IOException {
        Path sam = Files.createDirectories(dir.resolve("samconfig.toml"));

        assertThatThrownBy(() -> resolver().resolve("dev", List.of(dev()), sam, Map.of()))
                .hasMessage(sam + " is not a file; point -Dsamstage.samconfig at a samconfig.toml or remove what is in its "
                        + "place.");
    }

    @Test
    void aSamConfigSavedWithAByteOrderMarkIsRead() throws IOException {
        Path sam = samConfig("\uFEFF[dev.deploy.parameters]\nstack_name = \"orders-dev-bom\"\n");

        assertThat(resolver().resolve("dev", List.of(dev()), sam, Map.of()).stackName()).isEqualTo("orders-dev-bom");
    }

    @Test
    void aSamConfigWithAVersionAndOtherCommandsIsRead() throws IOException {
        Path sam = samConfig("version = 0.1\n[default.global.parameters]\nstack_name = \"x\"\n[dev.build]\ncached = true\n"
                + "[dev.deploy.parameters]\nstack_name = \"orders-dev-sam\"\n");

        assertThat(resolver().resolve("dev", List.of(dev()), sam, Map.of()).stackName()).isEqualTo("orders-dev-sam");
    }
}
