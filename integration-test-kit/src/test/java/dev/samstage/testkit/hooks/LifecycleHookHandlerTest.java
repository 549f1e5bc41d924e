package dev.samstage.testkit.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;

/** The hook handler runs a real suite against a local stage and reports through a real SDK client. */
class LifecycleHookHandlerTest {

    private static final String KEY = "sk-live-7f3a9c2e51";
    private static final Map<String, Object> EVENT = Map.of("DeploymentId", "d-ABCDEF123", "LifecycleEventHookExecutionId",
            "eyJlbmNyeXB0ZWREYXRhIjoiaG9vayJ9");

    private final List<String> log = new CopyOnWriteArrayList<>();
    private LocalHttp service;
    private LocalHttp codeDeployEndpoint;
    private CodeDeployClient codeDeploy;

    @BeforeEach
    void start() {
        service = LocalHttp.service(KEY);
        codeDeployEndpoint = LocalHttp.codeDeploy();
        codeDeploy = CodeDeployClient.builder().region(Region.US_EAST_1).endpointOverride(codeDeployEndpoint.uri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKEHOOK0001", "fake/hook/secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        codeDeploy.close();
        service.close();
        codeDeployEndpoint.close();
    }

    private HookSettings settings(String tag, String suitePackage) {
        return new HookSettings(tag, suitePackage == null ? List.of() : List.of(suitePackage), service.uri().toString(), List.of(KEY));
    }

    private JsonNode reported() {
        assertThat(codeDeployEndpoint.hookStatuses()).hasSize(1);
        return codeDeployEndpoint.hookStatuses().get(0);
    }

    @Test
    void aPassingSuiteReportsSucceededForTheDeploymentAndHookExecution() {
        new LifecycleHookHandler(settings("sanity", "dev.samstage.testkit.hooks.fixtures.passing"), codeDeploy, log::add)
                .handleRequest(EVENT, null);

        JsonNode status = reported();
        assertThat(status.get("deploymentId").asText()).isEqualTo("d-ABCDEF123");
        assertThat(status.get("lifecycleEventHookExecutionId").asText()).isEqualTo("eyJlbmNyeXB0ZWREYXRhIjoiaG9vayJ9");
        assertThat(status.get("status").asText()).isEqualTo("Succeeded");
        // the integration-tagged test in the same class would fail: only the sanity tag ran
        assertThat(log).contains("Suite 'sanity': 2 of 2 tests passed, 0 failed.", "Reported Succeeded to CodeDeploy for deployment d-ABCDEF123.");
    }

    @Test
    void aFailingSuiteReportsFailedAndLogsEachFailureWithSecretsMasked() {
        new LifecycleHookHandler(settings("sanity", "dev.samstage.testkit.hooks.fixtures.failing"), codeDeploy, log::add)
                .handleRequest(EVENT, null);

        assertThat(reported().get("status").asText()).isEqualTo("Failed");
        assertThat(log).filteredOn(l -> l.startsWith("FAILED ")).singleElement().satisfies(line -> {
            assertThat(line).startsWith("FAILED FailingSanityChecks.ordersAnswerOk: AssertionFailedError: [GET /orders answered:"
                    + " upstream rejected key ****]");
            assertThat(line).contains("expected: 200", "but was: 500");
        });
        assertThat(log).contains("Suite 'sanity': 1 of 2 tests passed, 1 failed.");
        assertThat(String.join("\n", log)).doesNotContain(KEY);
    }

    @Test
    void aSuiteWithoutTestsForTheTagReportsFailed() {
        new LifecycleHookHandler(settings("smoke", "dev.samstage.testkit.hooks.fixtures.passing"), codeDeploy, log::add)
                .handleRequest(EVENT, null);

        assertThat(reported().get("status").asText()).isEqualTo("Failed");
        assertThat(log).anyMatch(l -> l.startsWith("No test tagged 'smoke' in dev.samstage.testkit.hooks.fixtures.passing"));
    }

    @Test
    void aHookWithoutSuitePackageReportsFailedAndSaysWhatToSet() {
        new LifecycleHookHandler(settings("sanity", null), codeDeploy, log::add).handleRequest(EVENT, null);

        assertThat(reported().get("status").asText()).isEqualTo("Failed");
        assertThat(log).first().asString().isEqualTo("Hook for deployment d-ABCDEF123 cannot run its suite: SAMSTAGE_SUITE_PACKAGE"
                + " is not set: set it on the hook function to the package of the tests to run (for example com.example.shop.sanity).");
    }

    @Test
    void anEventWithoutDeploymentIdIsRefusedAndNothingIsReported() {
        LifecycleHookHandler handler = new LifecycleHookHandler(settings("sanity", "dev.samstage.testkit.hooks.fixtures.passing"),
                codeDeploy, log::add);

        assertThatThrownBy(() -> handler.handleRequest(Map.of("LifecycleEventHookExecutionId", "x"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The hook event has no DeploymentId; this handler must be invoked by CodeDeploy as a PreTraffic or PostTraffic hook.");
        assertThat(codeDeployEndpoint.hookStatuses()).isEmpty();
    }

    @Test
    void readsItsSettingsFromTheFunctionEnvironmentAndNeverPrintsSecrets() {
        HookSettings s = HookSettings.fromEnvironment(Map.of("SAMSTAGE_SUITE_PACKAGE", "com.shop.sanity, com.shop.smoke",
                "API_URL", "https://api.example.com/prod", "SAMSTAGE_API_KEY", KEY, "AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEFAKE"));

        assertThat(s.suiteTag()).isEqualTo("sanity");
        assertThat(s.packages()).containsExactly("com.shop.sanity", "com.shop.smoke");
        assertThat(s.endpoint()).isEqualTo("https://api.example.com/prod");
        assertThat(s.problem()).isEmpty();
        assertThat(s.mask("key " + KEY + " token IQoJb3JpZ2luX2VjEFAKE")).isEqualTo("key **** token ****");
        assertThat(s.toString()).doesNotContain(KEY).doesNotContain("IQoJb3JpZ2luX2VjEFAKE");
    }

    @Test
    void aStackNameStandsInForTheEndpointTheTemplateCannotName() {
        HookSettings s = HookSettings.fromEnvironment(Map.of("SAMSTAGE_SUITE_PACKAGE", "com.shop.sanity",
                "SAMSTAGE_STACK_NAME", "shop-prod"));

        assertThat(s.endpoint()).isEmpty();
        assertThat(s.stackName()).isEqualTo("shop-prod");
        assertThat(s.problem()).isEmpty();
        assertThat(s.target()).isEqualTo("the endpoint output of CloudFormation stack shop-prod");
        assertThat(HookSettings.fromEnvironment(Map.of("SAMSTAGE_SUITE_PACKAGE", "com.shop.sanity")).problem()).hasValue(
                "SAMSTAGE_ENDPOINT (or API_URL) is not set: set it on the hook function to the base URL of the API the new"
                + " version serves, or set SAMSTAGE_STACK_NAME to read it from the stack's ApiUrl output.");
    }

    @Test
    void theDefaultClientHonoursTheEndpointOverride() {
        String previousKey = System.setProperty("aws.accessKeyId", "AKIAFAKEHOOK0002");
        String previousSecret = System.setProperty("aws.secretAccessKey", "fake/hook/secret2");
        try (CodeDeployClient client = LifecycleHookHandler.defaultClient(Map.of("AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", codeDeployEndpoint.uri().toString()))) {
            new LifecycleHookHandler(settings("sanity", "dev.samstage.testkit.hooks.fixtures.passing"), client, log::add)
                    .handleRequest(EVENT, null);
        } finally {
            restore("aws.accessKeyId", previousKey);
            restore("aws.secretAccessKey", previousSecret);
        }

        assertThat(reported().get("status").asText()).isEqualTo("Succeeded");
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }
}
