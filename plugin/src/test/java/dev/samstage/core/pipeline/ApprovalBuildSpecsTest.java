package dev.samstage.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs the build commands of the generated change set and execute actions the way CodeBuild
 * does (buildspec 0.2: one shell for the phase, the phase stops at the first failing command,
 * exported variables are read when it ends), with a {@code mvn} on the PATH that records its
 * arguments and plays the deploy's part: leaving, or not, {@code target/samstage/prod/change-set-id}.
 */
class ApprovalBuildSpecsTest {

    static final String ARN = "arn:aws:cloudformation:eu-west-1:333333333333:changeSet/samstage-1/abc";

    @TempDir
    Path workspace;

    private Map<String, Object> resources;

    @BeforeEach
    void writeThePipeline() throws IOException {
        Environment dev = Environment.builder("dev").accountId("111111111111").regions(List.of("eu-west-1")).build();
        Environment prod = Environment.builder("prod").accountId("333333333333").regions(List.of("eu-west-1"))
                .production(true).requiresApproval(true).build();
        String yaml = new PipelineTemplates(StageListener.IGNORE).render(PipelineSpec.of("orders", List.of(dev, prod),
                SourceKind.S3)).get("orders-pipeline.yaml");
        resources = at(new Load(LoadSettings.builder().build()).loadFromString(yaml), "Resources");
        Path bin = Files.createDirectories(workspace.resolve("bin"));
        // the deploy's part: with MVN_LEAVES set it writes the change set id the real deploy writes when it stops
        Files.writeString(bin.resolve("mvn"), """
                #!/bin/bash
                echo "$*" >> mvn-calls.txt
                if [ -n "$MVN_LEAVES" ]; then
                  mkdir -p target/samstage/prod
                  echo "$MVN_LEAVES" > target/samstage/prod/change-set-id
                  echo "Stage prod: stack orders-prod in eu-west-1, 1 change: Modify OrdersFunction" > target/samstage/prod/change-set-summary.txt
                fi
                """);
        Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theChangeSetActionExportsTheIdAndSummaryTheDeployLeft() throws Exception {
        Run run = run("ProdChangeSetProject", Map.of("MVN_LEAVES", ARN));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.exported()).containsEntry("SAMSTAGE_CHANGE_SET", ARN)
                .containsEntry("SAMSTAGE_CHANGE_SET_SUMMARY", "Stage prod: stack orders-prod in eu-west-1, 1 change: Modify OrdersFunction");
    }

    @Test
    void theChangeSetActionFailsWhenTheDeployLeftNoChangeSetId() throws Exception {
        Run run = run("ProdChangeSetProject", Map.of());

        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("The deploy of prod left no target/samstage/prod/change-set-id");
        assertThat(run.exported()).doesNotContainKey("SAMSTAGE_CHANGE_SET");
    }

    @Test
    void theExecuteActionPassesExactlyTheApprovedChangeSetToTheDeploy() throws Exception {
        Run run = run("ProdExecuteProject", Map.of("SAMSTAGE_CHANGE_SET", ARN));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(Files.readAllLines(workspace.resolve("mvn-calls.txt"))).containsExactly("-B samstage:deploy samstage:verify"
                + " -Denv=prod -Dsamstage.packagedTemplate=target/samstage/dev -Dsamstage.changeSet=" + ARN);
    }

    @Test
    void theExecuteActionFailsWithoutRunningMavenWhenTheChangeSetIdIsEmpty() throws Exception {
        Run run = run("ProdExecuteProject", Map.of("SAMSTAGE_CHANGE_SET", ""));

        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("No approved change set id in the variable SAMSTAGE_CHANGE_SET for prod; nothing was executed.");
        assertThat(workspace.resolve("mvn-calls.txt")).doesNotExist();
    }

    private record Run(int exit, String output, Map<String, String> exported) {
    }

    /** The project's build phase in one bash, stopping at the first failure, then the exported variables. */
    private Run run(String project, Map<String, String> environment) throws IOException, InterruptedException {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(
                (String) at(resources, project, "Properties", "Source", "BuildSpec", "Fn::Sub"));
        List<String> commands = at(spec, "phases", "build", "commands");
        List<String> exported = spec.containsKey("env") ? at(spec, "env", "exported-variables") : List.of();
        StringBuilder script = new StringBuilder("set -e\n");
        commands.forEach(c -> script.append(c).append('\n'));
        exported.forEach(v -> script.append("echo \"EXPORTED ").append(v).append("=$").append(v).append("\"\n"));
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script.toString()).directory(workspace.toFile())
                .redirectErrorStream(true);
        pb.environment().put("PATH", workspace.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().putAll(environment);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Map<String, String> values = new java.util.LinkedHashMap<>();
        output.lines().filter(l -> l.startsWith("EXPORTED ")).forEach(l -> {
            String pair = l.substring("EXPORTED ".length());
            values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        });
        return new Run(p.exitValue(), output, values);
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object n = node;
        for (String step : path) {
            n = ((Map<String, Object>) n).get(step);
        }
        return (T) n;
    }
}
