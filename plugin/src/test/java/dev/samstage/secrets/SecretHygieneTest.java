package dev.samstage.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.deploy.DeployRequest;
import dev.samstage.core.deploy.StageDeployer;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.packaging.PythonFunctionProject;
import dev.samstage.core.packaging.S3ArtifactStore;
import dev.samstage.core.packaging.StagePackager;
import dev.samstage.core.verify.SuiteRequest;
import dev.samstage.core.verify.ForkedSuiteResult;
import dev.samstage.core.verify.ForkedSuiteRunner;
import dev.samstage.testing.aws.LocalAws;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs representative flows with recognisable fake secrets (session credentials, an API
 * key, a bearer token, a {@code NoEcho} parameter value) and looks for them in everything
 * the flows produced: every event line, every exception (messages, causes and stack
 * traces), every file written (packaged templates, manifests, change set and outputs
 * files, JUnit XML reports, suite summaries) and the {@code toString()} of the values that
 * carry them. Zero occurrences of any secret is the only pass.
 */
class SecretHygieneTest {

    @TempDir
    Path work;

    private final List<StageEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, String> produced = new LinkedHashMap<>();

    @Test
    void noSecretReachesAnyLogLineMessageReportOrToString() throws Exception {
        StaticCredentialsProvider session = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(Secrets.ACCESS_KEY, Secrets.SECRET_KEY, Secrets.SESSION_TOKEN));
        LocalAws.get().reset();
        try (AwsClientFactory clients = AwsClientFactory.create("us-east-1", session, LocalAws.get().endpoint())) {
            packaging(clients);
            deploying(clients);
            produced.put("AwsClientFactory.toString()", clients.toString());
        }
        suiteWithTheKit();

        collectFiles(work);
        assertThat(events).as("events").isNotEmpty();
        events.forEach(e -> produced.put("event " + e.getClass().getSimpleName(), e.message()));
        List<String> leaks = new ArrayList<>();
        produced.forEach((where, text) -> Secrets.ALL.stream().filter(text::contains)
                .forEach(secret -> leaks.add(secret + " in " + where)));
        assertThat(produced.keySet()).as("what was scanned")
                .anyMatch(k -> k.endsWith("change-set.json")).anyMatch(k -> k.endsWith("outputs.json"))
                .anyMatch(k -> k.endsWith("package-manifest.json")).anyMatch(k -> k.contains("TEST-"))
                .anyMatch(k -> k.startsWith("exception"));
        assertThat(leaks).isEmpty();
    }

    private void packaging(AwsClientFactory clients) throws IOException {
        PythonFunctionProject project = PythonFunctionProject.create(work.resolve("project"));
        try (S3Client s3 = clients.s3()) {
            s3.createBucket(b -> b.bucket("artifacts"));
        }
        try (S3ArtifactStore store = S3ArtifactStore.create(clients)) {
            StagePackager packager = new StagePackager(store, events::add);
            packager.packageTemplate(project.request("artifacts"));
            record("exception: packaging to a missing bucket",
                    catchThrowable(() -> packager.packageTemplate(project.request("no-such-bucket"))));
        }
    }

    private void deploying(AwsClientFactory clients) throws IOException {
        Path template = work.resolve("deploy/packaged-template.yaml");
        Files.createDirectories(template.getParent());
        Files.writeString(template, """
                AWSTemplateFormatVersion: '2010-09-09'
                Parameters:
                  DbPassword:
                    Type: String
                    NoEcho: true
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                Outputs:
                  TopicArn:
                    Value: !Ref Topic
                """);
        Environment dev = Environment.builder("dev").accountId("111111111111").regions(List.of("us-east-1"))
                .stackName("orders-dev").externalId("FAKEEXTERNALIDSamstage")
                .parameterOverrides(Map.of("DbPassword", Secrets.NO_ECHO_VALUE)).build();
        StageDeployer deployer = new StageDeployer(clients, events::add);
        DeployRequest request = new DeployRequest(dev, "orders", template, Optional.empty(), work.resolve("deploy/out"),
                Optional.empty(), false, Map.of());
        deployer.deploy(request);
        DeployRequest strict = new DeployRequest(dev, "orders", template, Optional.empty(), work.resolve("deploy/out"),
                Optional.empty(), true, Map.of());
        record("exception: an empty change set with failOnEmptyChangeSet", catchThrowable(() -> deployer.deploy(strict)));
        produced.put("Environment.toString()", dev.toString());
        produced.put("DeployRequest.toString()", request.toString());
    }

    private void suiteWithTheKit() throws Exception {
        Path classes = Files.createDirectories(work.resolve("suite/test-classes"));
        Path source = Path.of(getClass().getResource("/secrets-fixtures/leaky/LeakyIT.java").toURI());
        String classpath = System.getProperty("java.class.path");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-d", classes.toString(), "-cp", classpath, source.toString())).isZero();
        HttpServer stage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stage.createContext("/", exchange -> {
            byte[] body = "{\"message\":\"down for maintenance\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stage.start();
        try {
            List<Path> testClasspath = Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of).toList();
            // what the verify goal forwards from -Dsamstage.* to the suite JVM
            Map<String, String> properties = Map.of("samstage.apiKey", Secrets.API_KEY,
                    "samstage.bearerToken", Secrets.BEARER_TOKEN);
            SuiteRequest request = new SuiteRequest("dev", URI.create("http://127.0.0.1:" + stage.getAddress().getPort() + "/dev"),
                    classes, testClasspath, List.of(), "leaky", work.resolve("suite/test-reports"), properties, null);
            ForkedSuiteResult result = new ForkedSuiteRunner(events::add).run(request);
            assertThat(result.failed()).as("the suite ran and its test failed against the 503").isOne();
            produced.put("SuiteRequest.toString()", request.toString());
            produced.put("ForkedSuiteResult.toString()", result.toString());
        } finally {
            stage.stop(0);
        }
    }

    private void record(String where, Throwable failure) {
        assertThat(failure).as(where).isNotNull();
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        produced.put(where, failure + "\n" + trace);
    }

    private void collectFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".class"))
                    .filter(f -> !f.toString().endsWith(".java")).forEach(f -> {
                        try {
                            produced.put("file " + root.relativize(f), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
