package dev.samstage.core.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the Python checks in {@code src/test/python} and returns what it printed. */
final class PythonScript {

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private PythonScript() {
    }

    static Result run(String script, String... args) {
        Path path = locate(script);
        List<String> command = new ArrayList<>(List.of(System.getenv().getOrDefault("SAMSTAGE_PYTHON", "python3"),
                path.toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish within 180 s");
            }
            return new Result(process.exitValue(), output.strip());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path locate(String script) {
        for (Path dir : List.of(Path.of("src/test/python"), Path.of("plugin/src/test/python"))) {
            Path candidate = dir.resolve(script);
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException(script + " not found under src/test/python from " + Path.of("").toAbsolutePath());
    }
}
