package dev.samstage.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.deploy.DeployRequest;
import dev.samstage.core.deploy.DeployResult;
import dev.samstage.core.deploy.DeployResult.Outcome;
import dev.samstage.core.deploy.StageDeployer;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.packaging.ManifestEntry;
import dev.samstage.core.packaging.PackageResult;
import dev.samstage.core.packaging.S3ArtifactStore;
import dev.samstage.core.packaging.StagePackager;
import dev.samstage.core.time.Sleeper;
import dev.samstage.core.traffic.TrafficShiftFollower;
import dev.samstage.core.verify.SuiteFailure;
import dev.samstage.core.verify.SuiteRequest;
import dev.samstage.core.verify.ForkedSuiteResult;
import dev.samstage.core.verify.ForkedSuiteRunner;
import dev.samstage.testing.aws.DeployedApi;
import dev.samstage.testing.aws.LocalAws;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole chain offline: package a service to the local S3, deploy it to the dev account
 * through a change set, serve the deployed API from the uploaded artifact, and run the
 * service's own suite against it in a forked JVM. The working copy is rebuilt after each
 * upload, so only the uploaded code can make the suite's answer right.
 */
class PackageDeployVerifyChainTest {

    private static final String BUCKET = "chain-artifacts";
    private static final String STACK = "chain-dev";

    @TempDir
    static Path suiteDir;
    private static Path suiteClasses;
    private static List<Path> suiteClasspath;

    @TempDir
    Path dir;

    private final List<StageEvent> events = new CopyOnWriteArrayList<>();
    private AwsClientFactory base;
    private AwsClientFactory dev;

    @BeforeAll
    static void compileTheServiceSuite() throws Exception {
        suiteClasses = Files.createDirectories(suiteDir.resolve("test-classes"));
        suiteClasspath = List.of(
                FixtureService.location(org.junit.jupiter.api.Test.class),
                FixtureService.location(org.junit.jupiter.engine.JupiterTestEngine.class),
                FixtureService.location(org.junit.platform.engine.TestEngine.class),
                FixtureService.location(org.junit.platform.commons.util.ClassLoaderUtils.class),
                FixtureService.location(org.opentest4j.AssertionFailedError.class),
                FixtureService.location(org.apiguardian.api.API.class));
        Path source = Path.of(PackageDeployVerifyChainTest.class.getResource("/e2e-fixtures/suite/chain/ChainIT.java").toURI());
        List<String> args = new ArrayList<>(List.of("-d", suiteClasses.toString(), "-cp",
                String.join(File.pathSeparator, suiteClasspath.stream().map(Path::toString).toList()), source.toString()));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
    }

    @BeforeEach
    void freshAccounts() {
        base = LocalAccounts.fresh("us-east-1");
        try (S3Client s3 = base.s3()) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
        dev = LocalAccounts.account(base, LocalAccounts.DEV);
    }

    @AfterEach
    void closeClients() {
        dev.close();
        base.close();
    }

    @Test
    void theSuitePassesAgainstTheArtifactThatWasUploadedAndDeployed() throws Exception {
        String release = "r1-" + UUID.randomUUID();
        FixtureService service = FixtureService.create(dir.resolve("service"), release);
        PackageResult packaged = packageService(service);
        DeployResult deployed = deploy(packaged);
        service.build("working-copy-not-uploaded");

        assertThat(deployed.primary().outcome()).isEqualTo(Outcome.CREATED);
        assertThat(deployed.primary().endpoint()).hasValueSatisfying(url ->
                assertThat(url).matches(java.util.regex.Pattern.quote(LocalAws.get().endpoint() + "/restapis/") + "\\w+/Prod/_user_request_"));
        try (DeployedApi api = DeployedApi.serve(dev, STACK, "Prod", events::add)) {
            assertThat(api.functionCode()).containsExactly(Map.entry("GreeterFunction", codeObject(packaged)));
            assertThat(get(api.endpoint().resolve("greeting"))).isEqualTo("release " + release + " says hello from dev");

            ForkedSuiteResult result = runSuite(api.endpoint(), release, "passing");

            assertThat(result.passed()).as(result.summary() + " " + result.failures()).isTrue();
            assertThat(result.found()).isOne();
        }
        assertThat(messages()).contains("PASSED ChainIT > greetsWithTheDeployedRelease()");
    }

    @Test
    void aBrokenHandlerThatWasUploadedFailsTheSuiteNamingTheFailingTest() {
        FixtureService service = FixtureService.create(dir.resolve("service"), "r1");
        deploy(packageService(service));
        service.buildBroken("r2");
        PackageResult broken = packageService(service);
        DeployResult updated = deploy(broken);
        service.build("r2");

        assertThat(updated.primary().outcome()).isEqualTo(Outcome.UPDATED);
        try (DeployedApi api = DeployedApi.serve(dev, STACK, "Prod", events::add)) {
            assertThat(api.functionCode()).containsEntry("GreeterFunction", codeObject(broken));

            ForkedSuiteResult result = runSuite(api.endpoint(), "r2", "failing");

            assertThat(result.passed()).isFalse();
            assertThat(result.summary()).isEqualTo("Tests run: 1, Failures: 1, Skipped: 0");
            assertThat(result.failures()).extracting(SuiteFailure::test).containsExactly("ChainIT > greetsWithTheDeployedRelease()");
            assertThat(result.failures().get(0).message()).contains("GET /greeting status ==> expected: <200> but was: <502>");
        }
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("r2 lost its greeting"));
    }

    private PackageResult packageService(FixtureService service) {
        try (S3ArtifactStore store = S3ArtifactStore.create(base)) {
            return new StagePackager(store, events::add).packageTemplate(
                    service.packageRequest(BUCKET, service.dir.resolve("target/samstage/dev")));
        }
    }

    private DeployResult deploy(PackageResult packaged) {
        Environment env = Environment.builder("dev").accountId(LocalAccounts.DEV).regions(List.of("us-east-1"))
                .stackName(STACK).bucket(BUCKET).parameterOverrides(Map.of("Greeting", "hello from dev")).build();
        StageDeployer deployer = new StageDeployer(base, events::add)
                .following(new TrafficShiftFollower(Clock.systemUTC(), Sleeper.SYSTEM, Duration.ofMillis(500)));
        return deployer.deploy(new DeployRequest(env, "chain", packaged.packagedTemplate(), packaged.templateUrl(),
                packaged.packagedTemplate().getParent(), Optional.empty(), false, Map.of()));
    }

    private ForkedSuiteResult runSuite(URI endpoint, String release, String run) {
        return new ForkedSuiteRunner(events::add).run(new SuiteRequest("dev", endpoint, suiteClasses, suiteClasspath,
                launcherJars(), "integration", dir.resolve(run + "/test-reports"),
                Map.of("chain.release", release, "chain.greeting", "hello from dev"), null));
    }

    private static String codeObject(PackageResult packaged) {
        return packaged.artifacts().stream().filter(a -> a.resource().equals("GreeterFunction"))
                .map(ManifestEntry::s3Uri).findFirst().orElseThrow();
    }

    /** The test kit's launcher and the JUnit Platform launcher and reporting jars, as the plugin adds them. */
    private static List<Path> launcherJars() {
        try {
            return List.of(FixtureService.location(Class.forName("dev.samstage.testkit.launch.SuiteLauncher")),
                    FixtureService.location(LauncherFactory.class),
                    FixtureService.location(LegacyXmlReportGeneratingListener.class));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the test kit is not on the plugin's class path", e);
        }
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + uri + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private List<String> messages() {
        return events.stream().map(StageEvent::message).toList();
    }
}
