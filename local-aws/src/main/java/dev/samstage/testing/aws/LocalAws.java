package dev.samstage.testing.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A local AWS for tests: moto in server mode on 127.0.0.1, on a free port, patched by the
 * compatibility layer in {@code local-aws/src/main/python/compat}. One server per test JVM,
 * started on first use and stopped when the JVM exits; {@link #reset()} clears its state. Its
 * log goes to {@code target/local-aws.log} of the working directory.
 *
 * <p>Tests talk to it with real AWS SDK v2 clients over HTTP via {@link #endpoint()}, with any
 * credentials ({@link #ACCESS_KEY} acts in moto's default account 123456789012).</p>
 *
 * <p>The Python server ships inside this class's jar; from a jar it is extracted to a temporary
 * directory, from a build directory it runs in place.</p>
 *
 * <p>Invoking a Java function runs its code in a child JVM of this JVM's Java home, with the
 * Lambda bootstrap of this module ({@code dev.samstage.testing.aws.lambda}); REST API stages answer
 * on {@code <endpoint>/restapis/<apiId>/<stage>/_user_request_/<path>} (see
 * {@code compat/README.md}).</p>
 */
public final class LocalAws {

    /** Fake credentials: recognisable, so a secret-hygiene scan can look for them. */
    public static final String ACCESS_KEY = "AKIAFAKESAMSTAGE0001";
    public static final String SECRET_KEY = "fake/SamstageSecret/DoNotLog/0000000001";

    /** Real seconds per minute of AWS time when nobody set it ({@code local_aws.py}'s default). */
    public static final double DEFAULT_MINUTE_SECONDS = 0.2;

    private static final String SERVER_RESOURCES = "dev/samstage/testing/aws/python/";
    private static final String SERVER_SCRIPT = "local_aws.py";

    private static LocalAws instance;
    private static LocalAws enforcing;

    private final Process process;
    private final URI endpoint;
    private final Path extracted;

    private LocalAws(Process process, int port, Path extracted) {
        this.process = process;
        this.endpoint = URI.create("http://localhost:" + port);
        this.extracted = extracted;
    }

    /** The running server, started on first call. */
    public static synchronized LocalAws get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    /**
     * A second server, started on first call, where IAM policies can be enforced ({@link #enforceIam()}).
     * It is separate from {@link #get()}'s because the fake credentials every other test signs with
     * are unknown to IAM: enforcement there would refuse them all. It starts relaxed, so that a test
     * can create its users, roles and buckets before switching enforcement on; see
     * {@code compat/iam_enforcement.py} for what is checked.
     */
    public static synchronized LocalAws withIamEnforced() {
        if (enforcing == null) {
            enforcing = start();
            Runtime.getRuntime().addShutdownHook(new Thread(enforcing::stop));
        }
        return enforcing;
    }

    /**
     * From now on every request must be signed by an IAM user or assumed role the server knows and
     * be allowed by its policies (moto's {@code /moto-api/reset-auth} with 0 unchecked requests).
     */
    public void enforceIam() {
        control("POST", "/moto-api/reset-auth", "0");
    }

    /** Back to accepting any credentials, as {@link #get()}'s server always does. */
    public void relaxIam() {
        control("POST", "/moto-api/reset-auth", "inf");
    }

    private static LocalAws start() {
        URL script = LocalAws.class.getClassLoader().getResource(SERVER_RESOURCES + SERVER_SCRIPT);
        if (script == null) {
            throw new IllegalStateException(SERVER_RESOURCES + SERVER_SCRIPT + " is missing from the class path of "
                    + LocalAws.class.getName() + "; rebuild the samstage-local-aws module");
        }
        Path extracted = "jar".equals(script.getProtocol()) ? extract(script) : null;
        Path directory = extracted != null ? extracted : inPlace(script);
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(python(), SERVER_SCRIPT))
                    .directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
            // moto would otherwise put every request in that account (MOTO_NOTES.md, account isolation)
            pb.environment().remove("MOTO_ACCOUNT_ID");
            // the server runs from a temporary or build directory: no bytecode files beside its sources
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            // Java functions run in a child JVM of this JVM's kind (compat/lambda_invoke.py)
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().put(LambdaClasspath.VARIABLE, LambdaClasspath.ofThisJvm());
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    return new LocalAws(p, Integer.parseInt(line.substring(6).trim()), extracted);
                }
            }
            throw new IllegalStateException("local AWS (moto) exited before it was ready; see " + logFile()
                    + " (it needs " + python() + " with moto[server]==5.2.1, aws-sam-translator and cfn-lint)");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start local AWS with " + python() + " " + directory.resolve(SERVER_SCRIPT), e);
        }
    }

    private static Path inPlace(URL script) {
        try {
            return Path.of(script.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + script + " as a file", e);
        }
    }

    /** Copies the server's files out of the jar, so that python3 can run them. */
    private static Path extract(URL script) {
        try {
            JarURLConnection connection = (JarURLConnection) script.openConnection();
            Path target = Files.createTempDirectory("samstage-local-aws");
            try (JarFile jar = new JarFile(Path.of(connection.getJarFileURL().toURI()).toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (entry.isDirectory() || !entry.getName().startsWith(SERVER_RESOURCES)) {
                        continue;
                    }
                    Path file = target.resolve(entry.getName().substring(SERVER_RESOURCES.length())).normalize();
                    if (!file.startsWith(target)) {
                        throw new IllegalStateException("jar entry outside the server's directory: " + entry.getName());
                    }
                    Files.createDirectories(file.getParent());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, file);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract the local AWS server from " + script, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + script + " as a jar file", e);
        }
    }

    private static String python() {
        return System.getenv().getOrDefault("SAMSTAGE_PYTHON", "python3");
    }

    private static Path logFile() {
        Path dir = Path.of("target");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve("local-aws.log").toAbsolutePath();
    }

    /** Base URL of the emulator, e.g. {@code http://localhost:49152}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Clears every service's state. */
    public void reset() {
        control("POST", "/moto-api/reset", null);
    }

    /**
     * Sets how many real seconds one minute of AWS time lasts while CodeDeploy shifts traffic
     * ({@code compat/codedeploy_traffic_shift.py}): deployment-configuration intervals and the one-hour
     * hook timeout are scaled by it. It applies to the whole server and survives {@link #reset()};
     * a test that changes it puts {@link #DEFAULT_MINUTE_SECONDS} back.
     */
    public void minuteSeconds(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("minuteSeconds must be above 0, was " + seconds);
        }
        control("POST", "/samstage-compat/clock", "{\"minuteSeconds\": " + seconds + "}");
    }

    /**
     * Calls one of the local AWS's own control endpoints (moto's {@code /moto-api/...}, the
     * compatibility layer's {@code /samstage-compat/...}, see {@code compat/README.md}): the tests'
     * one client for what AWS has no API for.
     *
     * @param method   the HTTP method
     * @param path     the endpoint's path (and query)
     * @param body     the request's body (JSON for the compatibility layer's endpoints), or null for none
     * @return the answer's body
     * @throws IllegalStateException when the endpoint answers anything but 200
     */
    public String control(String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(30));
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("local AWS " + method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        try {
            // the server serves until its standard input closes (local_aws.py)
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
        if (extracted != null) {
            try (Stream<Path> files = Files.walk(extracted)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
