package dev.samstage.testing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.packaging.PackageRequest;
import dev.samstage.core.packaging.PackageResult;
import dev.samstage.core.packaging.PackagingException;
import dev.samstage.core.packaging.S3ArtifactStore;
import dev.samstage.core.packaging.StagePackager;
import dev.samstage.testing.aws.LocalAws;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Packaging through {@link FaultInjectingProxy}: the S3 client the package goal builds
 * ({@link AwsClientFactory} + {@link S3ArtifactStore}) rides out a 20% fault rate with each
 * artifact uploaded once and the same packaged template, and gives up on a dead endpoint
 * quickly with one line.
 */
class PackagingUnderFaultsTest {

    private static final String BUCKET = "artifacts";
    /** A loose guard against unbounded retrying, not a timing assertion. */
    private static final Duration BOUND = Duration.ofSeconds(60);

    private static FaultInjectingProxy proxy;

    @TempDir
    Path temp;

    private ManyArtifactsProject project;

    @BeforeAll
    static void startProxy() {
        proxy = FaultInjectingProxy.start(LocalAws.get().endpoint(), FaultPlan.none());
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @BeforeEach
    void emptyBucket() {
        project = ManyArtifactsProject.create(temp.resolve("project"));
        proxy.plan(FaultPlan.none());
        freshBucket();
    }

    @Test
    void packagesEveryArtifactOnceWithTheSameTemplateUnderTwentyPercentFaults() throws IOException {
        String clean = Files.readString(pack("clean").packagedTemplate());
        freshBucket();
        proxy.plan(FaultPlan.errors(0.20, 0.05, 20240601L));
        proxy.clearExchanges();

        PackageResult faulted = pack("faulted");

        List<Exchange> exchanges = proxy.exchanges();
        assertThat(exchanges.stream().filter(e -> e.fault().isPresent() && e.fault().get() != Fault.SLOW))
                .as("faults injected").hasSizeGreaterThanOrEqualTo(5);
        assertThat(Files.readString(faulted.packagedTemplate())).isEqualTo(clean);
        assertThat(faulted.uploaded()).isEqualTo(ManyArtifactsProject.distinctArtifacts());

        Map<String, List<Exchange>> putsByKey = exchanges.stream().filter(Exchange::isPutObject)
                .collect(Collectors.groupingBy(Exchange::path));
        assertThat(putsByKey.keySet()).isEqualTo(objectPaths());
        putsByKey.forEach((key, puts) -> {
            assertThat(puts.stream().map(Exchange::invocationId).distinct())
                    .as("distinct upload calls for %s (retries share one invocation id)", key).hasSize(1);
            assertThat(puts.stream().filter(p -> p.reachedService() && p.fault().filter(f -> f != Fault.SLOW).isEmpty()
                    && p.upstreamStatus() == 200))
                    .as("uploads of %s answered to the client", key).hasSize(1);
        });
    }

    @Test
    void secondRunUnderFaultsReusesEveryArtifactAndUploadsNothing() throws IOException {
        String first = Files.readString(pack("first").packagedTemplate());
        proxy.plan(FaultPlan.errors(0.20, 0.05, 7L));
        proxy.clearExchanges();

        PackageResult second = pack("second");

        assertThat(second.uploaded()).isZero();
        assertThat(second.reused()).isEqualTo(ManyArtifactsProject.distinctArtifacts());
        assertThat(Files.readString(second.packagedTemplate())).isEqualTo(first);
        assertThat(proxy.exchanges()).noneMatch(Exchange::isPutObject);
    }

    static Stream<Arguments> deadEndpoints() {
        return Stream.of(
                arguments(FaultPlan.errors(1.0, 0, 99L), "The artifact bucket 'artifacts' could not be checked: S3 kept"
                        + " answering HTTP 500 (Internal Server Error) to HeadBucket after retrying; S3 is throttling or"
                        + " failing, run the build again later."),
                arguments(FaultPlan.always(Fault.THROTTLE), "The artifact bucket 'artifacts' could not be checked: S3 kept"
                        + " answering HTTP 503 (Slow Down) to HeadBucket after retrying; S3 is throttling or failing, run the"
                        + " build again later."),
                arguments(FaultPlan.always(Fault.THROTTLE).onlyFor("PUT"), "Could not upload s3://artifacts/svc/"),
                arguments(FaultPlan.always(Fault.RESET_BEFORE).onlyFor("PUT"), "Could not upload s3://artifacts/svc/"));
    }

    @ParameterizedTest
    @MethodSource("deadEndpoints")
    void failsWithinABoundWithOneLineWhenEveryRequestFails(FaultPlan plan, String message) {
        proxy.plan(plan);
        proxy.clearExchanges();
        long start = System.nanoTime();

        assertThatThrownBy(() -> pack("dead"))
                .isInstanceOf(PackagingException.class)
                .hasMessageStartingWith(message)
                .hasMessageEndingWith("run the build again later.")
                .hasMessageNotContaining("\n");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        assertThat(proxy.exchanges()).filteredOn(Exchange::isPutObject).allMatch(e -> !e.reachedService());
        assertThat(objectPaths()).isEmpty();
        Map<String, Long> attemptsPerCall = proxy.exchanges().stream().filter(e -> e.fault().isPresent())
                .collect(Collectors.groupingBy(Exchange::invocationId, Collectors.counting()));
        // the call that failed used every attempt; parallel uploads still retrying were stopped early
        assertThat(attemptsPerCall.values()).contains((long) AwsClientFactory.MAX_ATTEMPTS)
                .allMatch(n -> n <= AwsClientFactory.MAX_ATTEMPTS);
    }

    private PackageResult pack(String run) {
        try (AwsClientFactory clients = AwsClientFactory.create("us-east-1", credentials(), proxy.endpoint());
             S3ArtifactStore store = S3ArtifactStore.create(clients)) {
            PackageRequest request = new PackageRequest(project.template(), project.dir,
                    project.dir.resolve("target/samstage/" + run), project.javaBuild(), BUCKET, "svc", Optional.empty());
            return new StagePackager(store, StageListener.IGNORE).packageTemplate(request);
        }
    }

    private void freshBucket() {
        LocalAws.get().reset();
        try (S3Client s3 = direct()) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
    }

    private Set<String> objectPaths() {
        try (S3Client s3 = direct()) {
            return s3.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key)
                    .map(k -> "/" + BUCKET + "/" + k).collect(Collectors.toSet());
        }
    }

    /** A client that bypasses the proxy, for set-up and checks. */
    private static S3Client direct() {
        URI endpoint = LocalAws.get().endpoint();
        return S3Client.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1).endpointOverride(endpoint)
                .forcePathStyle(true).credentialsProvider(credentials()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY));
    }
}
