package dev.samstage.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.config.ConfigException;
import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class PipelineTemplatesTest {

    static final Environment DEV = Environment.builder("dev").accountId("111111111111").regions(List.of("eu-west-1")).build();
    static final Environment STAGING = Environment.builder("staging").accountId("222222222222")
            .regions(List.of("eu-west-1", "eu-central-1")).build();
    static final Environment PROD = Environment.builder("prod").accountId("333333333333").regions(List.of("eu-west-1"))
            .production(true).requiresApproval(true).stackName("orders-live").build();

    @TempDir
    Path out;

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("one stage from a connection", List.of(DEV), SourceKind.CONNECTION),
                Arguments.of("one stage from CodeCommit", List.of(DEV), SourceKind.CODECOMMIT),
                Arguments.of("three stages from S3", List.of(DEV, STAGING, PROD), SourceKind.S3),
                Arguments.of("three stages from a connection", List.of(DEV, STAGING, PROD), SourceKind.CONNECTION),
                Arguments.of("three stages from CodeCommit", List.of(DEV, STAGING, PROD), SourceKind.CODECOMMIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everyWrittenTemplatePassesCfnLintWithoutErrors(String title, List<Environment> envs, SourceKind source)
            throws Exception {
        List<Path> files = new PipelineTemplates(StageListener.IGNORE).write(PipelineSpec.of("orders", envs, source), out);

        int expectedRoleTemplates = (int) envs.stream().mapToLong(e -> e.regions().size()).sum();
        assertThat(files).hasSize(2 + expectedRoleTemplates);
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--regions", "eu-west-1", "--"));
        files.forEach(f -> command.add(f.toString()));
        Process lint = new ProcessBuilder(command).redirectErrorStream(true).start();
        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
        // cfn-lint exit bits: 2 errors, 4 warnings, 8 informational; anything else (1, 32) means it did not lint
        assertThat(lint.exitValue() & ~(4 | 8)).as("cfn-lint exit %d:%n%s", lint.exitValue(), report).isZero();
    }

    private static Map<String, Object> load(Path file) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        return t;
    }
}
