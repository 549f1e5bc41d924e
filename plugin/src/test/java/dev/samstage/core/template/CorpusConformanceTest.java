package dev.samstage.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real-world template in the corpus is read and written with the template model, and the
 * AWS SAM translator judges the result: the original and the rewrite must parse to the same
 * document and translate to the same CloudFormation (or be rejected with the same message).
 */
class CorpusConformanceTest {

    private static final Path SCRIPT = Path.of("src/test/python/translate_compare.py");

    @Test
    void everyCorpusTemplateMeansTheSameAfterReadingAndWriting(@TempDir Path rewritten) throws Exception {
        Map<String, String> failures = judge(corpusInputs(), rewritten, "corpus conformance");

        assertThat(failures).as("templates whose meaning changed after reading and writing").isEmpty();
    }

    @Test
    void everyCorpusTemplateAsJsonStaysJsonAndMeansTheSame(@TempDir Path json, @TempDir Path rewritten)
            throws Exception {
        runScript(List.of("--as-json", corpusInputs().toString(), json.toString()));

        Map<String, String> failures = judge(json, rewritten, "corpus conformance (as JSON)");

        assertThat(failures).as("JSON templates whose meaning changed after reading and writing").isEmpty();
        try (Stream<Path> files = Files.list(rewritten)) {
            assertThat(files).allSatisfy(file -> assertThat(Files.readString(file)).startsWith("{"));
        }
    }

    /** Reads and writes every template of a folder, has the translator judge, prints the tally. */
    private static Map<String, String> judge(Path inputs, Path rewritten, String label) throws Exception {
        List<Path> templates;
        try (Stream<Path> files = Files.list(inputs)) {
            templates = files.filter(CorpusConformanceTest::isTemplate).sorted().toList();
        }
        assertThat(templates).as("templates in " + inputs).isNotEmpty();

        Map<String, String> failures = new TreeMap<>();
        for (Path original : templates) {
            String name = original.getFileName().toString();
            try {
                Template template = Template.read(original);
                Path copy = rewritten.resolve(name);
                template.write(copy);
                Template reread = Template.read(copy);
                if (!reread.root().equals(template.root())) {
                    failures.put(name, "reading the rewrite gives a different model");
                } else if (!reread.render().equals(template.render())) {
                    failures.put(name, "writing the rewrite again changes it");
                }
            } catch (TemplateException e) {
                failures.put(name, e.getMessage());
            }
        }

        Map<String, JsonNode> verdicts = translatorVerdicts(inputs, rewritten);
        for (Path original : templates) {
            String name = original.getFileName().toString();
            if (failures.containsKey(name)) {
                continue;
            }
            JsonNode verdict = verdicts.get(name);
            if (verdict == null) {
                failures.put(name, "no verdict from " + SCRIPT + " (see target/translate-compare.log)");
            } else if (!verdict.path("same_translation").asBoolean() || !verdict.path("same_input").asBoolean()) {
                failures.put(name, verdict.toString());
            }
        }

        int passed = templates.size() - failures.size();
        System.out.println(label + ": " + passed + "/" + templates.size() + " passed");
        failures.forEach((name, why) -> System.out.println("  FAILED " + name + ": " + why));
        return failures;
    }

    private static boolean isTemplate(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file)
                && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    private static Path corpusInputs() {
        String corpus = System.getProperty("samstage.corpus");
        assertThat(corpus)
                .as("system property samstage.corpus (set by surefire to ../../shared/corpus) is not set")
                .isNotBlank();
        Path inputs = Path.of(corpus).resolve("sam-translator-inputs").toAbsolutePath().normalize();
        assertThat(inputs)
                .as("the template corpus folder " + inputs + " is absent; put the corpus there or pass "
                        + "-Dsamstage.corpus=<folder holding sam-translator-inputs>")
                .isDirectory();
        return inputs;
    }

    /** Runs the translator once over all pairs; one JSON verdict per rewritten file. */
    private static Map<String, JsonNode> translatorVerdicts(Path originals, Path rewritten) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> verdicts = new TreeMap<>();
        for (String line : runScript(List.of(originals.toString(), rewritten.toString()))) {
            if (line.startsWith("{")) {
                JsonNode verdict = json.readTree(line);
                verdicts.put(verdict.path("file").asText(), verdict);
            }
        }
        return verdicts;
    }

    /** Runs the comparison script; returns its output lines, its error output goes to a log file. */
    private static List<String> runScript(List<String> arguments) throws IOException, InterruptedException {
        Path log = Path.of("target/translate-compare.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                System.getenv().getOrDefault("SAMSTAGE_PYTHON", "python3"), SCRIPT.toAbsolutePath().toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        }
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("finished: " + command).isTrue();
        assertThat(process.exitValue())
                .as("exit code of " + command + " (error output in " + log + "; output: " + lines + ")")
                .isZero();
        return lines;
    }
}
