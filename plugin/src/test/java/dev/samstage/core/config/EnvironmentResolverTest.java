package dev.samstage.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
                StageProperties.BUCKET, "cli-bucket",
                StageProperties.PARAMETER_OVERRIDES, "Greeting=hi",
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
        Environment e = resolver().resolve("qa", List.of(), sam, Map.of(StageProperties.ACCOUNT_ID, "333333333333",
                StageProperties.REGION, "us-east-2,us-west-2", StageProperties.REQUIRES_APPROVAL, "true"));
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
    void listsEveryProblemAtOnceNamingElementAndValue() {
        Environment prod = Environment.builder("prod")
                .regions(List.of("eu-west-1", "Europe"))
                .roleArn("arn:aws:iam::12345:role/x")
                .bucket("Bad_Bucket")
                .templateConfiguration(Path.of("config/prod.json"))
                .build();
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> resolver().resolve("prod", List.of(prod), null,
                Map.of(StageProperties.EXTERNAL_ID, "x")));
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
                List.of(Environment.builder("dev").build()), sam, Map.of(StageProperties.ACCOUNT_ID, "1111")));
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
                Map.of(StageProperties.PARAMETER_OVERRIDES, "Stage=dev oops")))
                .hasMessage("-Dsamstage.parameterOverrides has 'oops', which is not Key=Value; write pairs as "
                        + "Key=Value Key2=\"a value\".");
    }
}
