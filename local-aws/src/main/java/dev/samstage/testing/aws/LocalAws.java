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
 * compatibility layer in {@code local-aws/src/main/python/compat}. One server per test JVM, started on
 * first use and stopped when the JVM exits; {@link #reset()} clears its state.
 *
 * <p>Tests talk to it with real AWS SDK v2 clients over HTTP via {@link #endpoint()}.</p>
 */
public final class LocalAws {

    /** Fake credentials: recognisable, so a secret-hygiene scan can look for them. */
    public static final String ACCESS_KEY = "AKIAFAKESAMSTAGE0001";
    public static final String SECRET_KEY = "fake/SamstageSecret/DoNotLog/0000000001";

    private static LocalAws instance;

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
        // from a module of this repository (the tests' working directory) or from its root
        for (Path candidate : List.of(Path.of("../local-aws/src/main/python/local_aws.py"), Path.of("local-aws/src/main/python/local_aws.py"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("local-aws/src/main/python/local_aws.py not found from " + Path.of("").toAbsolutePath());
    }

    /** Base URL of the emulator, e.g. {@code http://localhost:49152}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Clears every service's state. */
    public void reset() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + r.statusCode() + ": " + r.body());
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
