package dev.samstage.testkit.launch;

import dev.samstage.testkit.launch.fixtures.GreenScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteLauncherTest {

    @TempDir
    Path dir;

    @Test
    void runsOnlyTheTaggedTestsAndWritesXmlAndSummary() throws Exception {
        int exit = SuiteLauncher.run(arguments("green"));

        assertThat(exit).isZero();
        assertThat(summary()).isEqualTo("{\"found\":3,\"succeeded\":2,\"failed\":0,\"skipped\":1,\"failures\":[]}\n");
        Path xml = dir.resolve("reports/TEST-junit-jupiter.xml");
        assertThat(xml).exists();
        assertThat(Files.readString(xml)).contains("classname=\"dev.samstage.testkit.launch.fixtures.GreenScenario\"")
            .doesNotContain("RedScenario");
    }

    @Test
    void reportsEachFailureWithTestNameAndMessage() throws Exception {
        int exit = SuiteLauncher.run(arguments("red"));

        assertThat(exit).isEqualTo(1);
        assertThat(summary()).isEqualTo("{\"found\":2,\"succeeded\":1,\"failed\":1,\"skipped\":0,\"failures\":["
            + "{\"test\":\"RedScenario > returnsTheOrder()\","
            + "\"message\":\"AssertionFailedError: GET /orders/1 status ==> expected: <200> but was: <404>\"}]}\n");
    }

    @Test
    void tagWithoutTestsExitsWithItsOwnCode() throws Exception {
        int exit = SuiteLauncher.run(arguments("no-test-carries-this-tag"));

        assertThat(exit).isEqualTo(2);
        assertThat(summary()).startsWith("{\"found\":0,");
    }

    @Test
    void badArgumentsSayWhatIsExpected() {
        assertThatThrownBy(() -> SuiteLauncher.LaunchArguments.parse(new String[] {"--classes", "x", "--colour", "red"}))
            .hasMessage("SuiteLauncher: unknown argument --colour; expected --classes, --tag, --reports, --summary");
        assertThatThrownBy(() -> SuiteLauncher.LaunchArguments.parse(new String[] {"--tag", "red"}))
            .hasMessageContaining("usage: --classes <dir> --tag <tag> --reports <dir> --summary <file>");
    }

    @Test
    void quotesJsonStrings() {
        assertThat(SummaryFile.quote("say \"hi\"\\\n\t\u0001")).isEqualTo("\"say \\\"hi\\\"\\\\\\n\\t\\u0001\"");
    }

    private SuiteLauncher.LaunchArguments arguments(String tag) throws Exception {
        Path classes = Path.of(GreenScenario.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new SuiteLauncher.LaunchArguments(classes, tag, dir.resolve("reports"), dir.resolve("summary.json"));
    }

    private String summary() throws Exception {
        return Files.readString(dir.resolve("summary.json"));
    }
}
