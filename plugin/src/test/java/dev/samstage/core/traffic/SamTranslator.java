package dev.samstage.core.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real aws-sam-translator, run as a Python subprocess, judging what the writer produced. */
final class SamTranslator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path script;

    private SamTranslator() {
    }

    /** The CloudFormation template SAM makes of {@code templateText}; fails the test with SAM's errors if it refuses. */
    static JsonNode translate(String templateText) {
        JsonNode result = run(templateText);
        if (result.has("errors")) {
            throw new AssertionError("aws-sam-translator refused the template: " + result.get("errors") + "\n" + templateText);
        }
        return result;
    }

    /** SAM's errors for a template it refuses; empty when it translates. */
    static List<String> errors(String templateText) {
        JsonNode result = run(templateText);
        return result.has("errors") ? JSON.convertValue(result.get("errors"), List.class) : List.of();
    }

    private static JsonNode run(String templateText) {
        try {
            Path template = Files.createTempFile("samstage-traffic-", ".yaml");
            Path stderr = Files.createTempFile("samstage-traffic-", ".err");
            try {
                Files.writeString(template, templateText, StandardCharsets.UTF_8);
                Process p = new ProcessBuilder(System.getenv().getOrDefault("SAMSTAGE_PYTHON", "python3"), script().toString(), template.toString())
                        .redirectError(stderr.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("aws-sam-translator did not finish in 120 s");
                }
                if (p.exitValue() != 0 && p.exitValue() != 3) {
                    throw new AssertionError("aws-sam-translator failed (" + p.exitValue() + "): " + Files.readString(stderr));
                }
                return JSON.readTree(out);
            } finally {
                Files.deleteIfExists(template);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static synchronized Path script() throws IOException {
        if (script == null) {
            script = Files.createTempFile("sam_translate", ".py");
            script.toFile().deleteOnExit();
            try (InputStream in = SamTranslator.class.getResourceAsStream("sam_translate.py")) {
                Files.write(script, in.readAllBytes());
            }
        }
        return script;
    }

    /**
     * A DeploymentConfigName as CodeDeploy will read it: SAM writes predefined names as
     * {@code Fn::Sub ["CodeDeployDefault.Lambda${ConfigName}", {ConfigName: X}]}.
     */
    static String configName(JsonNode deploymentConfigName) {
        if (deploymentConfigName.isTextual()) {
            return deploymentConfigName.asText();
        }
        JsonNode sub = deploymentConfigName.get("Fn::Sub");
        if (sub != null && sub.isArray()) {
            String text = sub.get(0).asText();
            var vars = sub.get(1).fields();
            while (vars.hasNext()) {
                var v = vars.next();
                text = text.replace("${" + v.getKey() + "}", v.getValue().asText());
            }
            return text;
        }
        return deploymentConfigName.toString();
    }
}
