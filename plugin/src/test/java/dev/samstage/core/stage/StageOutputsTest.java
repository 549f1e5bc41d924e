package dev.samstage.core.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.StageException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageOutputsTest {

    @TempDir
    Path dir;

    @Test
    void oneRegionIsWrittenFlatAndReadBack() throws Exception {
        StageOutputs dev = new StageOutputs("dev", "quotes-dev", "eu-west-1",
                URI.create("https://abc.execute-api.eu-west-1.amazonaws.com/Prod"), Map.of("ApiUrl", "https://abc/Prod"));

        StageOutputs.write(dir, List.of(dev));

        assertThat(Files.readString(dir.resolve("outputs.json"))).contains("\"stackName\" : \"quotes-dev\"").doesNotContain("regions");
        assertThat(StageOutputs.read(dir)).containsExactly(dev);
    }

    @Test
    void severalRegionsAreWrittenByRegionAndReadBackInOrder() {
        StageOutputs ireland = new StageOutputs("prod", "quotes-prod", "eu-west-1", URI.create("https://a/Prod"), Map.of());
        StageOutputs virginia = new StageOutputs("prod", "quotes-prod", "us-east-1", null, Map.of("Table", "t"));

        StageOutputs.write(dir, List.of(ireland, virginia));

        assertThat(StageOutputs.read(dir)).containsExactly(ireland, virginia);
        assertThat(StageOutputs.read(dir).get(1).endpointUri()).isEmpty();
    }

    @Test
    void theLocalStageWritesWhereItsLambdaInvokeApiListens() throws Exception {
        StageOutputs local = new StageOutputs("local", null, null, URI.create("http://127.0.0.1:4321/"),
                Map.of("OrderEventsFunctionName", "OrderEventsFunction"), URI.create("http://127.0.0.1:4321/"));

        StageOutputs.write(dir, List.of(local));

        assertThat(Files.readString(dir.resolve("outputs.json"))).contains("\"lambdaEndpoint\" : \"http://127.0.0.1:4321/\"");
        assertThat(StageOutputs.read(dir)).containsExactly(local);
    }

    @Test
    void aStageNeverDeployedFromHereHasNoOutputs() {
        assertThat(StageOutputs.read(dir)).isEmpty();
    }

    @Test
    void aDamagedFileSaysHowToRewriteIt() throws Exception {
        Files.writeString(dir.resolve("outputs.json"), "{not json");

        assertThatThrownBy(() -> StageOutputs.read(dir)).isInstanceOf(StageException.class)
                .hasMessageStartingWith(dir.resolve("outputs.json") + " is not a valid outputs file")
                .hasMessageEndingWith("deploy the stage again to rewrite it.");
    }

    @Test
    void aFileOverwrittenWithSomethingElseIsNotEchoed() throws Exception {
        Files.writeString(dir.resolve("outputs.json"), "fakeSecretDoNotEcho0001\n");

        assertThatThrownBy(() -> StageOutputs.read(dir)).isInstanceOf(StageException.class)
                .hasMessage(dir.resolve("outputs.json") + " is not a valid outputs file (a word that is not a JSON value "
                        + "(expected a string, number, object, array, true, false or null)); deploy the stage again to "
                        + "rewrite it.");
    }
}
