package dev.samstage.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TemplateModelTest {

    private static final String SAM = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: java21
              Api:
                OpenApiVersion: 3.0.1
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.Handler
                  CodeUri: target/app.jar
                  MemorySize: 512
              Bare:
                Type: AWS::SNS::Topic
              Typed:
                Type: !Ref TypeParameter
            """;

    private static Template sam() {
        return Template.parse(SAM, TemplateFormat.YAML, "template.yaml");
    }

    @Test
    void replacingAValueKeepsItsPositionAndNewKeysGoLast() {
        TemplateResource fn = sam().resources().get(0);

        fn.setProperty("CodeUri", TemplateScalar.string("s3://bucket/abc"));
        fn.setProperty("AutoPublishAlias", TemplateScalar.string("live"));

        assertThat(fn.properties().keys()).containsExactly("Handler", "CodeUri", "MemorySize", "AutoPublishAlias");
        assertThat(fn.properties().getString("CodeUri")).contains("s3://bucket/abc");
    }

    @Test
    void resourcesExposeTypeAndPropertiesAndAddPropertiesWhenAbsent() {
        Template template = sam();

        assertThat(template.resources()).extracting(TemplateResource::logicalId)
                .containsExactly("Fn", "Bare", "Typed");
        assertThat(template.resources()).extracting(resource -> resource.type().orElse("-"))
                .containsExactly("AWS::Serverless::Function", "AWS::SNS::Topic", "-");
        TemplateResource bare = template.resources().get(1);
        assertThat(bare.property("TopicName")).isEmpty();
        bare.setProperty("TopicName", TemplateScalar.string("alerts"));
        assertThat(template.render()).contains("  Bare:\n    Type: AWS::SNS::Topic\n    Properties:\n"
                + "      TopicName: alerts\n");
    }

    @Test
    void propertiesThatAreNotAMappingAreReportedWithTheResourceName() {
        Template template = Template.parse("Resources:\n  A:\n    Type: T\n    Properties: !If [C, {}, {}]\n",
                TemplateFormat.YAML, "t.yaml");

        assertThatThrownBy(() -> template.resources().get(0).properties())
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("Resources.A.Properties is not a mapping");
    }

    @Test
    void resourcesAreFoundByTypeAndByLogicalId() {
        Template template = sam();

        assertThat(template.resourcesOfType("AWS::SNS::Topic")).extracting(TemplateResource::logicalId)
                .containsExactly("Bare");
        assertThat(template.resourcesOfType("AWS::Serverless::Api")).isEmpty();
        assertThat(template.resource("Fn").flatMap(TemplateResource::type)).contains("AWS::Serverless::Function");
        assertThat(template.resource("Missing")).isEmpty();
    }

    @Test
    void globalsSectionsAreFoundByName() {
        Template template = sam();

        assertThat(template.globals("Function").flatMap(f -> f.getString("Runtime"))).contains("java21");
        assertThat(template.globals("Api")).isPresent();
        assertThat(template.globals("HttpApi")).isEmpty();
        assertThat(Template.parse("Resources: {}\n", TemplateFormat.YAML, "t").globals("Function")).isEmpty();
    }

    @Test
    void aTemplateWithoutResourcesHasNone() {
        assertThat(Template.parse("Outputs: {}\n", TemplateFormat.YAML, "t").resources()).isEmpty();
    }

    @Test
    void aCopyIsIndependent() {
        Template original = sam();
        Template copy = original.copy();

        copy.resources().get(0).setProperty("Handler", TemplateScalar.string("other.Handler"));

        assertThat(original.resources().get(0).properties().getString("Handler")).contains("app.Handler");
        assertThat(copy.render()).isNotEqualTo(original.render());
        assertThat(copy.format()).isEqualTo(original.format());
    }

    @Test
    void intrinsicsAreRecognisedInShortAndLongForm() {
        assertThat(Intrinsics.functionOf(TemplateIntrinsic.ref("X"))).contains("Ref");
        assertThat(Intrinsics.functionOf(TemplateMap.empty().with("Ref", TemplateScalar.string("X"))))
                .contains("Ref");
        assertThat(Intrinsics.functionOf(TemplateMap.empty().with("Fn::Sub", TemplateScalar.string("x"))))
                .contains("Fn::Sub");
        assertThat(Intrinsics.functionOf(TemplateMap.empty().with("Condition", TemplateScalar.string("IsProd"))))
                .contains("Condition");
        assertThat(Intrinsics.isIntrinsic(TemplateMap.empty().with("Fn::ForEach::Topics", TemplateList.of())))
                .isFalse();
        assertThat(Intrinsics.isIntrinsic(TemplateMap.empty().with("Ref", TemplateScalar.string("X"))
                .with("Other", TemplateScalar.string("Y")))).isFalse();
        assertThat(Intrinsics.isIntrinsic(TemplateScalar.string("Ref"))).isFalse();
        assertThat(Intrinsics.argumentOf(TemplateIntrinsic.sub("a"))).contains(TemplateScalar.string("a"));
    }

    @Test
    void formatFollowsTheFileName() {
        assertThat(TemplateFormat.of(Path.of("dir/template.json"))).isEqualTo(TemplateFormat.JSON);
        assertThat(TemplateFormat.of(Path.of("template.JSON"))).isEqualTo(TemplateFormat.JSON);
        assertThat(TemplateFormat.of(Path.of("template.yml"))).isEqualTo(TemplateFormat.YAML);
        assertThat(TemplateFormat.of(Path.of("template.yaml"))).isEqualTo(TemplateFormat.YAML);
        assertThat(TemplateFormat.of(Path.of("template"))).isEqualTo(TemplateFormat.YAML);
    }

    @Test
    void numbersMadeInCodeMustBeDecimal() {
        assertThat(TemplateScalar.number("1.10").text()).isEqualTo("1.10");
        assertThatThrownBy(() -> TemplateScalar.number("012")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'012'");
        assertThatThrownBy(() -> TemplateScalar.number("abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownIntrinsicNamesAreRejectedInCode() {
        assertThatThrownBy(() -> TemplateIntrinsic.of("!Reff", TemplateScalar.string("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("!Reff");
    }
}
