package dev.samstage.sample.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.samstage.sample.quotes.QuoteApiHandler;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostTraffic hook as {@code template.yaml} deploys it: the function's {@code CodeUri} (the
 * directory {@code mvn package} assembles), {@code Handler} and environment are read from the
 * template, and the handler runs in a JVM of its own with only that code on its class path, as
 * Lambda would run it. The API it checks is a local release of the real {@link QuoteApiHandler};
 * the stack's outputs and the status report go through the hook's real AWS SDK clients over
 * HTTP to the local AWS that every samstage test uses, which holds the stack and the deployment
 * ({@link DeploymentInProgress}) and records what CodeDeploy was told.
 */
class PostTrafficHookIT {

    private static final Path TEMPLATE = Path.of("template.yaml");
    private static final String HOOK = "CodeDeployHookPostTraffic";
    private static final String STACK = "quote-service-prod";
    private static final String EXECUTION = "eyJlbmNyeXB0ZWREYXRhIjoiUG9zdFRyYWZmaWMifQ==";
    private static final String ROLE_SECRET = "hookRoleSecret/7f3a9c2e51b4d6";

    private static JsonNode template;

    @TempDir
    static Path runtimeDir;

    @BeforeAll
    static void readTemplateAndPlaceTheRuntime() throws IOException {
        template = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile());
        // the runtime stand-in is the only class the hook's JVM gets beside the function's code
        Path target = runtimeDir.resolve(HookFunctionRuntime.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(target.getParent());
        try (InputStream in = HookFunctionRuntime.class.getResourceAsStream(HookFunctionRuntime.class.getSimpleName() + ".class")) {
            Files.copy(in, target);
        }
    }

    @Test
    void theApiFunctionNamesThisHookAsItsPostTrafficHook() {
        assertThat(template.at("/Resources/QuoteFunction/Properties/DeploymentPreference/Hooks/PostTraffic").asText())
                .isEqualTo(HOOK);
        assertThat(hook().path("Handler").asText()).isEqualTo("dev.samstage.testkit.hooks.LifecycleHookHandler::handleRequest");
    }

    @Test
    void theHookCodeHoldsTheSuitesAndTheirRuntimeButNotTheService() throws IOException {
        Path code = code();

        assertThat(code.resolve("dev/samstage/sample/stage/QuoteApiSanityTest.class")).isRegularFile();
        assertThat(code.resolve("dev/samstage/sample/quotes")).doesNotExist();
        assertThat(code.resolve("dev/samstage/sample/hooks")).doesNotExist();
        try (Stream<Path> jars = Files.list(code.resolve("lib"))) {
            assertThat(jars.map(jar -> jar.getFileName().toString()).toList())
                    .anyMatch(name -> name.startsWith("samstage-integration-test-kit-"))
                    .anyMatch(name -> name.startsWith("junit-jupiter-engine-"))
                    .anyMatch(name -> name.startsWith("aws-lambda-java-core-"))
                    .noneMatch(name -> name.startsWith("quote-service-"))
                    .noneMatch(name -> name.startsWith("samstage-local-aws-"))
                    .noneMatch(name -> name.startsWith("aws-lambda-java-events-"));
        }
    }

    @Test
    void aHealthyReleasePassesTheSanitySuiteAndTheHookReportsSucceeded() throws Exception {
        try (LocalQuoteApi api = LocalQuoteApi.serving(new QuoteApiHandler())) {
            DeploymentInProgress aws = DeploymentInProgress.of(STACK, api.url());

            Invocation run = invoke(aws);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(api.requests()).as(run.output()).containsExactlyInAnyOrder("GET /health -> 200", "GET /products -> 200");
            assertThat(aws.hookStatuses()).as(run.output()).singleElement().satisfies(status -> {
                assertThat(status.path("deploymentId").asText()).isEqualTo(aws.deploymentId());
                assertThat(status.path("lifecycleEventHookExecutionId").asText()).isEqualTo(EXECUTION);
                assertThat(status.path("status").asText()).isEqualTo("Succeeded");
            });
            assertThat(run.output()).contains(
                    "Running tests tagged 'sanity' in dev.samstage.sample.stage against the endpoint output of CloudFormation stack "
                            + STACK + " for deployment " + aws.deploymentId() + ".",
                    "Suite 'sanity': 2 of 2 tests passed, 0 failed.",
                    "Reported Succeeded to CodeDeploy for deployment " + aws.deploymentId() + ".");
        }
    }

    @Test
    void aReleaseWhoseHealthCheckFailsMakesTheHookReportFailedSoCodeDeployRollsItBack() throws Exception {
        QuoteApiHandler handler = new QuoteApiHandler();
        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> broken = (request, context) ->
                request.getPath().equals("/health")
                        ? new APIGatewayProxyResponseEvent().withStatusCode(500).withHeaders(Map.of("Content-Type", "application/json"))
                                .withBody("{\"message\":\"Internal server error\"}")
                        : handler.handleRequest(request, context);
        try (LocalQuoteApi api = LocalQuoteApi.serving(broken)) {
            DeploymentInProgress aws = DeploymentInProgress.of(STACK, api.url());

            Invocation run = invoke(aws);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(api.requests()).as(run.output()).containsExactlyInAnyOrder("GET /health -> 500", "GET /products -> 200");
            assertThat(aws.hookStatuses()).as(run.output()).singleElement().satisfies(status -> {
                assertThat(status.path("deploymentId").asText()).isEqualTo(aws.deploymentId());
                assertThat(status.path("lifecycleEventHookExecutionId").asText()).isEqualTo(EXECUTION);
                assertThat(status.path("status").asText()).isEqualTo("Failed");
            });
            assertThat(run.output())
                    .contains("FAILED QuoteApiSanityTest.theStageIsHealthy", "Expected status code <200> but was <500>",
                            "Suite 'sanity': 1 of 2 tests passed, 1 failed.",
                            "Reported Failed to CodeDeploy for deployment " + aws.deploymentId() + ".")
                    .doesNotContain(ROLE_SECRET);
        }
    }

    private static JsonNode hook() {
        JsonNode hook = template.path("Resources").path(HOOK).path("Properties");
        assertThat(hook.isMissingNode()).as("template.yaml has no resource " + HOOK).isFalse();
        return hook;
    }

    /** The hook's code as Lambda unpacks it: its CodeUri, relative to the template. */
    private static Path code() {
        Path code = TEMPLATE.toAbsolutePath().getParent().resolve(hook().path("CodeUri").asText()).normalize();
        assertThat(code).as("the hook's CodeUri; run mvn package first").isDirectory();
        return code;
    }

    /** Starts the hook's JVM as Lambda would and waits for it; the event comes from CodeDeploy. */
    private static Invocation invoke(DeploymentInProgress aws) throws IOException, InterruptedException {
        Path code = code();
        List<String> classpath = new ArrayList<>(List.of(code.toString()));
        try (Stream<Path> jars = Files.list(code.resolve("lib"))) {
            jars.map(Path::toString).filter(jar -> jar.endsWith(".jar")).sorted().forEach(classpath::add);
        }
        classpath.add(runtimeDir.toString());

        ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classpath), HookFunctionRuntime.class.getName(),
                hook().path("Handler").asText(), aws.deploymentId(), EXECUTION)
                .directory(code.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile(runtimeDir, "hook", ".log").toFile());
        // nothing of this build's environment: only what the function is given
        process.environment().clear();
        process.environment().putAll(environment(aws));

        Process started = process.start();
        if (!started.waitFor(3, TimeUnit.MINUTES)) {
            started.destroyForcibly();
        }
        String output = Files.readString(process.redirectOutput().file().toPath(), StandardCharsets.UTF_8);
        return new Invocation(started.isAlive() ? -1 : started.exitValue(), output);
    }

    /** The template's variables, with what CloudFormation and Lambda fill in, and the local AWS endpoint. */
    private static Map<String, String> environment(DeploymentInProgress aws) {
        Map<String, String> env = new LinkedHashMap<>();
        hook().path("Environment").path("Variables").properties().forEach(variable -> env.put(variable.getKey(),
                // !Ref AWS::StackName, the one value the template leaves to CloudFormation
                variable.getValue().asText().equals("AWS::StackName") ? STACK : variable.getValue().asText()));
        assertThat(env).containsEntry("SAMSTAGE_SUITE_TAG", "sanity")
                .containsEntry("SAMSTAGE_SUITE_PACKAGE", "dev.samstage.sample.stage")
                .containsEntry("SAMSTAGE_STACK_NAME", STACK);
        env.put("AWS_REGION", DeploymentInProgress.REGION);
        env.put("AWS_DEFAULT_REGION", DeploymentInProgress.REGION);
        env.put("AWS_ACCESS_KEY_ID", "ASIAHOOKROLE00000001");
        env.put("AWS_SECRET_ACCESS_KEY", ROLE_SECRET);
        env.put("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEHookSessionToken");
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        return env;
    }

    private record Invocation(int exitCode, String output) {
    }
}
