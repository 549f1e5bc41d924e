package dev.samstage.core.template;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
