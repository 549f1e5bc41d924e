package dev.samstage.testkit.hooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClientBuilder;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;

/**
 * A CodeDeploy lifecycle hook (PreTraffic/PostTraffic of a SAM DeploymentPreference) that
 * runs the service's own JUnit suite against the new version, in the hook function's JVM,
 * and reports {@code Succeeded} or {@code Failed} to CodeDeploy with
 * PutLifecycleEventHookExecutionStatus; a failed report makes CodeDeploy roll the alias back.
 *
 * <p>Deploy it as the handler {@code dev.samstage.testkit.hooks.LifecycleHookHandler::handleRequest}
 * of a function that packages the suite's test classes, this kit, {@code aws-lambda-java-core}
 * and a JUnit engine ({@code junit-jupiter-engine}), with the environment:</p>
 * <ul>
 *   <li>{@code SAMSTAGE_SUITE_PACKAGE}: package(s) of the suite, comma separated (required)</li>
 *   <li>{@code SAMSTAGE_SUITE_TAG}: JUnit tag to run, default {@code sanity}</li>
 *   <li>{@code SAMSTAGE_ENDPOINT} (or {@code API_URL}): the API base URL the suite calls; or, when the
 *       template cannot name it (a SAM hook naming the API that invokes the hooked alias is a circular
 *       dependency), {@code SAMSTAGE_STACK_NAME}: the stack whose {@code ApiUrl} output holds it, read with
 *       CloudFormation DescribeStacks (the role then needs {@code cloudformation:DescribeStacks})</li>
 *   <li>{@code AWS_ENDPOINT_URL}: AWS endpoint override (CodeDeploy, and CloudFormation for the stack), for a local emulator</li>
 * </ul>
 * <p>The function's role needs {@code codedeploy:PutLifecycleEventHookExecutionStatus}; its
 * name must start with {@code CodeDeployHook_} when it uses SAM's default CodeDeploy role.
 * A missing setting, a suite that finds no test, or a suite that throws reports
 * {@code Failed}: a hook that checked nothing must not let a release through. Failures are
 * logged one per line, with secret values (API key, token, AWS secret) masked.</p>
 */
public final class LifecycleHookHandler implements RequestHandler<Map<String, Object>, Void> {

    private final HookSettings settings;
    private final CodeDeployClient codeDeploy;
    private final Consumer<String> log;

    /** The Lambda entry point: settings and CodeDeploy endpoint from the function's environment. */
    public LifecycleHookHandler() {
        this(HookSettings.fromEnvironment(System.getenv()), defaultClient(System.getenv()), null);
    }

    /**
     * @param settings   what to run
     * @param codeDeploy the client that reports the status
     * @param log        where log lines go; null for the Lambda logger (or standard output without one)
     */
    public LifecycleHookHandler(HookSettings settings, CodeDeployClient codeDeploy, Consumer<String> log) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.codeDeploy = Objects.requireNonNull(codeDeploy, "codeDeploy");
        this.log = log;
    }

    @Override
    public Void handleRequest(Map<String, Object> event, Context context) {
        Consumer<String> out = log != null ? log : context != null ? context.getLogger()::log : System.out::println;
        String deploymentId = required(event, "DeploymentId");
        String hookExecutionId = required(event, "LifecycleEventHookExecutionId");
        LifecycleEventStatus status = run(deploymentId, out);
        codeDeploy.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(deploymentId)
                .lifecycleEventHookExecutionId(hookExecutionId).status(status));
        out.accept("Reported " + status + " to CodeDeploy for deployment " + deploymentId + ".");
        return null;
    }

    private LifecycleEventStatus run(String deploymentId, Consumer<String> out) {
        Optional<String> problem = settings.problem();
        if (problem.isPresent()) {
            out.accept("Hook for deployment " + deploymentId + " cannot run its suite: " + problem.get());
            return LifecycleEventStatus.FAILED;
        }
        out.accept("Running tests tagged '" + settings.suiteTag() + "' in " + String.join(", ", settings.packages())
                + " against " + settings.target() + " for deployment " + deploymentId + ".");
        SuiteResult result;
        try {
            result = SuiteRunner.run(settings);
        } catch (RuntimeException | LinkageError e) {
            out.accept(settings.mask("The suite could not run: " + e));
            return LifecycleEventStatus.FAILED;
        }
        result.failures().forEach(f -> out.accept(settings.mask("FAILED " + f)));
        if (result.found() == 0) {
            out.accept("No test tagged '" + settings.suiteTag() + "' in " + String.join(", ", settings.packages())
                    + ": check SAMSTAGE_SUITE_TAG, SAMSTAGE_SUITE_PACKAGE and that a JUnit engine is packaged with the function.");
        }
        out.accept("Suite '" + settings.suiteTag() + "': " + result.succeeded() + " of " + result.found() + " tests passed, "
                + result.failures().size() + " failed.");
        return result.passed() ? LifecycleEventStatus.SUCCEEDED : LifecycleEventStatus.FAILED;
    }

    private static String required(Map<String, Object> event, String key) {
        Object value = event == null ? null : event.get(key);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("The hook event has no " + key + "; this handler must be invoked by CodeDeploy"
                    + " as a PreTraffic or PostTraffic hook.");
        }
        return s;
    }

    /** A CodeDeploy client for the function's region, honouring {@code AWS_ENDPOINT_URL}. */
    static CodeDeployClient defaultClient(Map<String, String> env) {
        CodeDeployClientBuilder builder = CodeDeployClient.builder().httpClient(UrlConnectionHttpClient.create());
        Optional.ofNullable(env.get("AWS_REGION")).filter(s -> !s.isBlank()).map(Region::of).ifPresent(builder::region);
        Optional.ofNullable(env.get("AWS_ENDPOINT_URL_CODEDEPLOY")).or(() -> Optional.ofNullable(env.get("AWS_ENDPOINT_URL")))
                .filter(s -> !s.isBlank()).map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
