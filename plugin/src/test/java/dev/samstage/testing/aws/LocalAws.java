package dev.samstage.testing.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local AWS for tests: moto in server mode on 127.0.0.1, on a free port, patched by the
 * compatibility layer in {@code src/test/python/compat}. One server per test JVM, started on
 * first use and stopped when the JVM exits; {@link #reset()} clears its state.
 *
 * <p>Tests talk to it with real AWS SDK v2 clients over HTTP via {@link #endpoint()}.</p>
 */
public final class LocalAws {

    /** Fake credentials: recognisable, so a secret-hygiene scan can look for them. */
    public static final String ACCESS_KEY = "AKIAFAKESAMSTAGE0001";
    public static final String SECRET_KEY = "fake/SamstageSecret/DoNotLog/0000000001";

    private static LocalAws instance;
    private static LocalAws enforcing;

    private final Process process;
    private final URI endpoint;

    private LocalAws(Process process, int port) {
        this.process = process;
        this.endpoint = URI.create("http://localhost:" + port);
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
     * {@code src/test/python/compat/iam_enforcement.py} for what is checked.
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
        post("/moto-api/reset-auth", "0");
    }

    /** Back to accepting any credentials, as {@link #get()}'s server always does. */
    public void relaxIam() {
        post("/moto-api/reset-auth", "inf");
    }

    private static LocalAws start() {
        Path script = locateScript();
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(python(), script.toString()))
                    .directory(script.getParent().toFile())
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
            pb.environment().remove("MOTO_ACCOUNT_ID");
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    return new LocalAws(p, Integer.parseInt(line.substring(6).trim()));
                }
            }
            throw new IllegalStateException("local AWS (moto) exited before it was ready; see " + logFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start local AWS with " + python() + " " + script, e);
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

    private static Path locateScript() {
        for (Path candidate : List.of(Path.of("src/test/python/local_aws.py"), Path.of("plugin/src/test/python/local_aws.py"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("src/test/python/local_aws.py not found from " + Path.of("").toAbsolutePath());
    }

    /** Base URL of the emulator, e.g. {@code http://localhost:49152}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Clears every service's state. */
    public void reset() {
        post("/moto-api/reset", null);
    }

    private void post(String path, String body) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint.resolve(path))
                            .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("moto " + path + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
