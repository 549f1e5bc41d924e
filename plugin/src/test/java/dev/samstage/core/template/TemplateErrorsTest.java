package dev.samstage.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateErrorsTest {

    @Test
    void badYamlNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, "Resources:\n  Fn:\n    Type: [unclosed\n  Other: x\n");

        assertThatThrownBy(() -> Template.read(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(file + ":4:")
                .hasMessageContaining("invalid YAML")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anUnknownTagNamesTheFileLineAndTag() {
        assertThatThrownBy(() -> Template.parse("Resources:\n  A:\n    Type: !Reff Thing\n", TemplateFormat.YAML,
                "template.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template.yaml:3:11: unknown tag !Reff;")
                .hasMessageContaining("!Ref");
    }

    @Test
    void anUnknownTagOnASequenceIsAnErrorToo() {
        assertThatThrownBy(() -> Template.parse("A:\n  B: !Concat\n    - x\n", TemplateFormat.YAML, "t.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("t.yaml:2:6: unknown tag !Concat;");
    }

    @Test
    void aDuplicateYamlKeyNamesTheKeyAndBothLines() {
        assertThatThrownBy(() -> Template.parse("Resources:\n  A:\n    Type: X\n  A:\n    Type: Y\n",
                TemplateFormat.YAML, "template.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template.yaml:4:3: duplicate key 'A' (first at line 2)");
    }

    @Test
    void aDuplicateJsonKeyNamesTheKeyAndBothLines() {
        assertThatThrownBy(() -> Template.parse("{\n  \"A\": 1,\n  \"A\": 2\n}", TemplateFormat.JSON, "t.json"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("t.json:3:")
                .hasMessageContaining("duplicate key 'A' (first at line 2)");
    }

    @Test
    void badJsonNamesTheFileAndLine() {
        assertThatThrownBy(() -> Template.parse("{\n  \"A\": 1,\n  \"B\" 2\n}", TemplateFormat.JSON, "t.json"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("t.json:3:")
                .hasMessageContaining("invalid JSON");
    }

    @Test
    void aTemplateThatIsNotAMappingIsRejected() {
        assertThatThrownBy(() -> Template.parse("- a\n- b\n", TemplateFormat.YAML, "t.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("t.yaml:1:1: the template is not a mapping but a sequence");
    }

    @Test
    void anEmptyTemplateIsRejected() {
        assertThatThrownBy(() -> Template.parse("# only a comment\n", TemplateFormat.YAML, "t.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("t.yaml: the template is empty");
    }

    @Test
    void aMissingFileNamesThePath(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> Template.read(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("cannot read template " + file);
    }

    /** What a new user may hand samstage as a template, and the one line each must give. */
    static Stream<Arguments> badTemplates() {
        return Stream.of(
                arguments("an alias bomb of 9 levels of 9 aliases", "t.yaml", aliasBomb(9, 9),
                        "t.yaml:10:27: aliases that copy more than 100000 values (the limit samstage reads YAML with); "
                                + "write the repeated parts out instead"),
                arguments("an alias bomb of few aliases, each doubling the copy", "t.yaml", aliasBomb(20, 2),
                        "t.yaml:19:20: aliases that copy more than 100000 values (the limit samstage reads YAML with); "
                                + "write the repeated parts out instead"),
                arguments("51 aliases to one small list", "t.yaml", "Resources:\n  Fn:\n    Type: X\nMetadata:\n"
                                + "  a: &a [x]\n  b: [" + String.join(", ", java.util.Collections.nCopies(51, "*a")) + "]\n",
                        "t.yaml:6:207: more than 50 aliases to mappings and sequences (the limit samstage reads YAML with); "
                                + "write the repeated parts out instead"),
                arguments("20,000 nested [ in YAML", "t.yaml", "Resources: " + "[".repeat(20_000),
                        "t.yaml:1:111: nesting deeper than 100 levels of mappings and sequences (the limit samstage reads "
                                + "files with); flatten the template"),
                arguments("20,000 nested [ in JSON", "t.json", "{\"Resources\": " + "[".repeat(20_000),
                        "t.json:1:114: nesting deeper than 100 levels of mappings and sequences (the limit samstage reads "
                                + "files with); flatten the template"),
                arguments("20,000 nested [ as the whole JSON document", "t.json", "[".repeat(20_000),
                        "t.json:1:1: the template is not an object but an array; a template is an object with a Resources "
                                + "section"),
                arguments("a JSON number of 2,000 digits", "t.json", "{\"Resources\": {\"A\": " + "9".repeat(2_000) + "}}",
                        "t.json:1:21: invalid JSON: Number value length (2000) exceeds the maximum allowed (1000); fix the "
                                + "JSON syntax"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/dev/samstage/core/template/bad-templates.csv", delimiter = '|', quoteCharacter = '`')
    void aBadTemplateWrittenOutFailsFastWithOneLine(String description, String name, String text, String expected) {
        failsFastWithOneLine(description, name, javaEscapes(text), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTemplates")
    void aBadTemplateFailsFastWithOneLine(String description, String name, String text, String expected) {
        failsFastWithOneLine(description, name, text, expected);
    }

    private static void failsFastWithOneLine(String description, String name, String text, String expected) {
        TemplateFormat format = TemplateFormat.of(Path.of(name));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> Template.parse(text, format, name))
                .as(description)
                .isInstanceOf(TemplateException.class)
                .hasMessage(expected));
    }

    /** {@code text} with the Java escapes \\n, \\t and \\uXXXX replaced by the characters they stand for. */
    private static String javaEscapes(String text) {
        return Pattern.compile("\\\\u([0-9A-Fa-f]{4})").matcher(text)
                .replaceAll(unicode -> Character.toString(Integer.parseInt(unicode.group(1), 16))).translateEscapes();
    }

    /** {@code levels} anchored lists, each holding {@code width} aliases of the one before. */
    private static String aliasBomb(int levels, int width) {
        StringBuilder yaml = new StringBuilder("Resources:\n  Fn:\n    Type: X\nMetadata:\n  l0: &l0 [lol, lol]\n");
        for (int level = 1; level <= levels; level++) {
            yaml.append("  l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(width, "*l" + (level - 1)))).append("]\n");
        }
        return yaml.toString();
    }

    @Test
    void aCredentialsFileGivenAsTheTemplateIsNotEchoed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "[default]\naws_access_key_id = AKIAFAKEFAKEFAKE0001\naws_secret_access_key = "
                + "fakeSecret/DoNotEcho/0001\n");

        assertThatThrownBy(() -> Template.read(file))
                .isInstanceOf(TemplateException.class)
                .hasMessage(file + ":1:1: the template is not a mapping but a sequence; a template is a mapping with a "
                        + "Resources section")
                .hasMessageNotContaining("AKIA").hasMessageNotContaining("fakeSecret");
    }

    @Test
    void aSecretGivenAsAJsonTemplateIsNotEchoed() {
        assertThatThrownBy(() -> Template.parse("fakeSecretDoNotEcho0001", TemplateFormat.JSON, "secret.json"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("secret.json:1:24: invalid JSON: a word that is not a JSON value (expected a string, number, "
                        + "object, array, true, false or null); fix the JSON syntax");
    }

    @Test
    void aOneLineSecretGivenAsAYamlTemplateIsNotEchoed() {
        assertThatThrownBy(() -> Template.parse("API_TOKEN=fakeSecretDoNotEcho0001\n", TemplateFormat.YAML, ".env"))
                .isInstanceOf(TemplateException.class)
                .hasMessage(".env:1:1: the template is not a mapping but a string value; a template is a mapping with a "
                        + "Resources section");
    }

    @Test
    void aTemplateOverCloudFormationsLargestIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, "Resources: {}\n" + "#".repeat(1_048_576) + "\n");

        assertThatThrownBy(() -> Template.read(file))
                .isInstanceOf(TemplateException.class)
                .hasMessage(file + " is 1,048,591 bytes, over the 1,048,576-byte limit for a template (CloudFormation's "
                        + "largest); move parts into nested stacks (AWS::Serverless::Application)");
    }

    @Test
    void aDirectoryGivenAsTheTemplateIsNamedAsSuch(@TempDir Path dir) {
        assertThatThrownBy(() -> Template.read(dir))
                .isInstanceOf(TemplateException.class)
                .hasMessage(dir + " is a directory, not a template; point -Dsamstage.template at the template file in "
                        + "it (such as template.yaml)");
    }

    @Test
    void aTemplateSavedAsUtf16IsNotUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.write(file, "\uFEFFResources: {}\n".getBytes(StandardCharsets.UTF_16LE));

        assertThatThrownBy(() -> Template.read(file))
                .isInstanceOf(TemplateException.class)
                .hasMessage(file + " is not UTF-8 text; save the template as UTF-8 (without a byte order mark other than "
                        + "UTF-8's)");
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() {
        assertThat(Template.parse("\uFEFFResources:\n  T:\n    Type: AWS::SNS::Topic\n", TemplateFormat.YAML, "t.yaml")
                .resources()).hasSize(1);
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        String deep = "{\"Resources\": " + "[".repeat(99) + "]".repeat(99) + "}";

        assertThat(Template.parse(deep, TemplateFormat.JSON, "t.json").root().containsKey("Resources")).isTrue();
        assertThat(Template.parse("Resources: " + "[".repeat(99) + "]".repeat(99), TemplateFormat.YAML, "t.yaml")
                .root().containsKey("Resources")).isTrue();
    }
}
