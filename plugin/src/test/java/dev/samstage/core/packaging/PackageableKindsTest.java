package dev.samstage.core.packaging;

import dev.samstage.testing.aws.LocalAwsClients;
import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateFormat;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Packages {@link AllKinds} once and checks what each packageable property became. */
class PackageableKindsTest {

    private static final String HASH = "[0-9a-f]{64}";

    private static Path root;
    private static AwsClientFactory clients;
    private static PackageResult result;
    private static Template packaged;

    @BeforeAll
    static void packageEveryKind() throws IOException {
        root = Files.createTempDirectory("samstage-kinds");
        SampleProject project = SampleProject.create(root.resolve("project"));
        project.template(AllKinds.TEMPLATE);
        clients = LocalAwsClients.fresh("us-east-1");
        try (var s3 = clients.s3()) {
            s3.createBucket(b -> b.bucket("artifacts"));
        }
        try (S3ArtifactStore store = S3ArtifactStore.create(clients)) {
            result = new StagePackager(store, StageListener.IGNORE)
                    .packageTemplate(project.request("artifacts", Optional.empty()));
        }
        packaged = Template.parse(Files.readString(result.packagedTemplate()), TemplateFormat.YAML, "packaged");
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            JavaFunction     | Properties.CodeUri                                   | s3uri:zip
            DotFunction      | Properties.CodeUri                                   | s3uri:zip
            PythonFunction   | Properties.CodeUri                                   | s3uri:zip
            S3Function       | Properties.CodeUri                                   | same:s3://elsewhere/code.zip
            SharedLayer      | Properties.ContentUri                                | s3uri:zip
            Api              | Properties.DefinitionUri                             | s3uri:yaml
            HttpApi          | Properties.DefinitionUri                             | s3uri:yaml
            Flow             | Properties.DefinitionUri                             | map:Bucket/Key:json
            App              | Properties.Location                                  | url:template
            Stack            | Properties.TemplateURL                               | url:template
            RawFunction      | Properties.Code                                      | map:S3Bucket/S3Key:zip
            RawLayer         | Properties.Content                                   | map:S3Bucket/S3Key:zip
            RestApi          | Properties.BodyS3Location                            | map:Bucket/Key:yaml
            HttpApiV2        | Properties.BodyS3Location                            | map:Bucket/Key:yaml
            RawFlow          | Properties.DefinitionS3Location                      | map:Bucket/Key:json
            Schema           | Properties.DefinitionS3Location                      | s3uri:graphql
            Resolver         | Properties.RequestMappingTemplateS3Location          | s3uri:vtl
            Resolver         | Properties.ResponseMappingTemplateS3Location         | s3uri:vtl
            JsResolver       | Properties.CodeS3Location                            | s3uri:js
            VtlFunction      | Properties.RequestMappingTemplateS3Location          | s3uri:vtl
            VtlFunction      | Properties.ResponseMappingTemplateS3Location         | s3uri:vtl
            JsFunction       | Properties.CodeS3Location                            | s3uri:js
            ServerlessGraph  | Properties.SchemaUri                                 | s3uri:graphql
            ServerlessGraph  | Properties.Functions.hello.CodeUri                   | s3uri:js
            ServerlessGraph  | Properties.Resolvers.Query.hello.CodeUri             | s3uri:js
            GlueJob          | Properties.Command.ScriptLocation                    | s3uri:py
            BeanstalkVersion | Properties.SourceBundle                              | map:S3Bucket/S3Key:zip
            Topic            | Metadata.Fn::Transform.Parameters.Location           | s3uri:yaml
            """)
    void replacesEachLocalPathWithItsContentAddressedLocation(String resource, String path, String expected) {
        TemplateNode node = at(packaged.resource(resource).orElseThrow().node(), path);
        String[] shape = expected.split(":", 2);
        switch (shape[0]) {
            case "s3uri" -> assertThat(text(node)).matches("s3://artifacts/svc/" + HASH + "\\." + shape[1]);
            case "same" -> assertThat(text(node)).isEqualTo(shape[1]);
            case "url" -> assertThat(text(node)).matches(clients.endpoint().orElseThrow()
                    + "/artifacts/svc/" + HASH + "\\." + shape[1]);
            case "map" -> {
                String[] fields = shape[1].split("[/:]");
                TemplateMap map = (TemplateMap) node;
                assertThat(map.keys()).containsExactly(fields[0], fields[1]);
                assertThat(map.getString(fields[0])).hasValue("artifacts");
                assertThat(map.getString(fields[1]).orElseThrow()).matches("svc/" + HASH + "\\." + fields[2]);
            }
            default -> throw new IllegalArgumentException(expected);
        }
        if (!shape[0].equals("same")) {
            assertThat(result.artifacts()).anySatisfy(entry -> {
                assertThat(entry.resource()).isEqualTo(resource);
                assertThat(entry.bytes()).isPositive();
            });
        }
    }

    @Test
    void sharesOneArtifactBetweenFunctionsWithTheSameCode() {
        assertThat(text(at(packaged.resource("JavaFunction").orElseThrow().node(), "Properties.CodeUri")))
                .isEqualTo(text(at(packaged.resource("DotFunction").orElseThrow().node(), "Properties.CodeUri")));
        assertThat(result.artifacts()).filteredOn(e -> e.resource().equals("JavaFunction"))
                .singleElement().extracting(ManifestEntry::localPath)
                .isEqualTo("target/classes + 2 jars in lib/");
    }

    @Test
    void producesATemplateThatTheSamTranslatorAndCfnLintAccept() {
        PythonScript.Result check = PythonScript.run("validate_template.py", result.packagedTemplate().toString());

        assertThat(check.output()).isEqualTo("OK");
    }

    @Test
    void writesAManifestListingEveryArtifact() throws IOException {
        String manifest = Files.readString(result.manifest());

        assertThat(result.manifest().getFileName()).hasToString("package-manifest.json");
        assertThat(manifest).contains("\"resource\" : \"GlueJob\"", "\"property\" : \"Command.ScriptLocation\"",
                "\"localPath\" : \"glue/job.py\"", "\"status\" : \"uploaded\"");
        assertThat(result.artifacts()).extracting(ManifestEntry::property)
                .contains("Resolvers.Query.hello.CodeUri", "Fn::Transform.Parameters.Location");
    }

    static TemplateNode at(TemplateMap start, String path) {
        TemplateNode node = start;
        List<String> steps = List.of(path.replace("Fn::Transform", "Fn__Transform").split("\\."));
        for (String step : steps) {
            node = ((TemplateMap) node).get(step.replace("Fn__Transform", "Fn::Transform")).orElseThrow(
                    () -> new AssertionError("no " + path));
        }
        return node;
    }

    static String text(TemplateNode node) {
        assertThat(node).isInstanceOf(TemplateScalar.class);
        return ((TemplateScalar) node).text();
    }
}
