package dev.samstage.testkit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * What the extension reads from the JVM and the machine, gathered so that tests can pass
 * their own (a map instead of the real environment, fixed credentials, a captured log).
 *
 * @param systemProperties system property lookup, {@code null} when unset
 * @param environment environment variable lookup, {@code null} when unset
 * @param workingDirectory base of relative paths such as {@code target/samstage/dev/outputs.json}
 * @param credentials AWS credentials for SigV4 and the CloudFormation lookup
 * @param log where failed tests' request/response logs go
 */
record StageRuntime(
        UnaryOperator<String> systemProperties,
        UnaryOperator<String> environment,
        Path workingDirectory,
        Supplier<AwsCredentialsProvider> credentials,
        Supplier<PrintStream> log) {

    StageRuntime {
        Objects.requireNonNull(systemProperties, "systemProperties");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(log, "log");
    }

    /** The real JVM: system properties, environment, working directory, default credentials chain, stdout. */
    static StageRuntime system() {
        return new StageRuntime(
                System::getProperty,
                System::getenv,
                Path.of("").toAbsolutePath(),
                () -> DefaultCredentialsProvider.builder().build(),
                () -> System.out);
    }
}
