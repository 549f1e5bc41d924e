package dev.samstage.core.traffic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** cfn-lint (with its own SAM transform) as a second judge: catches dependency cycles SAM lets through. */
final class CfnLint {

    private CfnLint() {
    }

    /** The error findings (rules E...) for a template, one line each; warnings are left out. */
    static List<String> errors(String templateText) {
        try {
            Path template = Files.createTempFile("samstage-traffic-", ".yaml");
            try {
                Files.writeString(template, templateText, StandardCharsets.UTF_8);
                Process p = new ProcessBuilder("cfn-lint", "--regions", "eu-west-1", "--format", "parseable", "--", template.toString())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("cfn-lint did not finish in 120 s");
                }
                // exit codes are bit flags: 2 errors, 4 warnings, 8 informational; anything else is a crash
                if ((p.exitValue() & ~(2 | 4 | 8)) != 0) {
                    throw new AssertionError("cfn-lint failed (" + p.exitValue() + "): " + out);
                }
                return out.lines().filter(l -> l.matches(".*:E\\d+:.*")).toList();
            } finally {
                Files.deleteIfExists(template);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
