package dev.samstage.core.deploy;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageEvent;
import dev.samstage.testing.aws.LocalAwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A stage on the local AWS for deployment tests, fresh for each test: base credentials, a
 * deployer recording its events, templates written to a temporary directory (deleted after the
 * test), and clients acting directly in an account. Register it as a field:
 * {@code @RegisterExtension final LocalAwsStage stage = new LocalAwsStage();}
 */
final class LocalAwsStage implements BeforeEachCallback, AfterEachCallback {

    static final String DEV = "111111111111";
    static final String PROD = "222222222222";

    final List<StageEvent> events = new CopyOnWriteArrayList<>();
    AwsClientFactory base;
    /** Where templates are written; the deployer writes its outputs to {@code out/} below it. */
    Path dir;
    private int templates;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("samstage-stage");
        base = LocalAwsClients.fresh("us-east-1");
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        base.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    StageDeployer deployer() {
        return new StageDeployer(base, events::add).withEnvironmentVariables(Map.of("CODEBUILD_BUILD_ID", "orders:build-1"));
    }

    static Environment.Builder dev() {
        return Environment.builder("dev").accountId(DEV).regions(List.of("us-east-1")).stackName("orders-dev");
    }

    Path template(String text) {
        Path file = dir.resolve("packaged-" + (++templates) + ".yaml");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    DeployRequest request(Environment env, Path template) {
        return new DeployRequest(env, "orders", template, Optional.empty(), dir.resolve("out"), Optional.empty(), false, Map.of());
    }

    /** Clients with the base credentials that add every call they make to {@code calls}, as {@code Service.Operation}. */
    AwsClientFactory recordingCalls(List<String> calls) {
        ExecutionInterceptor recording = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                calls.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        return base.withInterceptors(List.of(recording));
    }

    /** Clients acting in {@code account} and {@code region}, as the stage role would. */
    AwsClientFactory account(String account, String region) {
        try (var sts = base.sts()) {
            Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/test-inspector")
                    .roleSessionName("inspector")).credentials();
            return base.with(region, StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())));
        }
    }

    Optional<Stack> stack(String account, String region, String name) {
        try (AwsClientFactory clients = account(account, region); CloudFormationClient cfn = clients.cloudFormation()) {
            return StackState.describe(cfn, name);
        }
    }

    List<String> messages() {
        return events.stream().map(StageEvent::message).toList();
    }

    String file(String name) {
        try {
            return Files.readString(dir.resolve("out").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
