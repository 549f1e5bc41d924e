package dev.samstage.core.deploy;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageEvent;
import dev.samstage.testing.aws.LocalAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A stage on the local AWS for deployment tests: base credentials, a deployer recording its
 * events, templates written to a directory, and clients acting directly in an account.
 */
final class LocalAwsStage implements AutoCloseable {

    static final String DEV = "111111111111";
    static final String PROD = "222222222222";

    final AwsClientFactory base;
    final List<StageEvent> events = new CopyOnWriteArrayList<>();
    final Path dir;
    private int templates;

    LocalAwsStage(Path dir) {
        LocalAws.get().reset();
        this.dir = dir;
        this.base = AwsClientFactory.create("us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)),
                LocalAws.get().endpoint());
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

    @Override
    public void close() {
        base.close();
    }
}
