package dev.samstage.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TemplateYamlEdgeCasesTest {

    private static Template yaml(String text) {
        return Template.parse(text, TemplateFormat.YAML, "template.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AZs: !GetAZs ''\n",
        "Region: !Ref AWS::Region\n",
        "Sub: !Sub 'a: b'\n",
        "Sub: !Sub \"${A} #not a comment\"\n",
        "Join: !Join ['', [!Sub '${A}-x', b, !Ref 'c,d']]\n",
        "Split: !Split [',', !ImportValue Shared-Subnets]\n",
        "If:\n  Fn::If: [IsProd, !Ref AWS::NoValue, {Key: v}]\n",
        "Not: !Not [{Condition: IsDev}]\n",
        "Responses:\n  200: ok\n  '404': missing\n",
        "Quoted: \"tab\\there\"\n",
        "Unicode: café ✓\n",
        "Select: !Select [0, !GetAZs '']\n",
        "List:\n  - !Ref A\n  - !GetAtt B.Arn\n  - [nested]\n",
        "EmptyMap: {}\nEmptyList: []\n",
    })
    void theseTemplatesAreWrittenBackExactly(String text) {
        Template template = yaml(text);

        assertThat(template.render()).isEqualTo(text);
    }

    @Test
    void aGetAZsWithoutArgumentGetsAnEmptyString() {
        Template template = yaml("AZs: !GetAZs\n");

        assertThat(template.root().get("AZs")).get().isInstanceOfSatisfying(TemplateIntrinsic.class,
                azs -> assertThat(azs.argument()).isEqualTo(TemplateScalar.string("")));
        assertThat(template.render()).isEqualTo("AZs: !GetAZs ''\n");
    }

    @Test
    void anExplicitStringTagBecomesQuotes() {
        Template template = yaml("A: !!str 123\nB: !!int 7\n");

        assertThat(template.root().get("A")).contains(TemplateScalar.string("123"));
        assertThat(template.render()).isEqualTo("A: '123'\nB: 7\n");
    }

    @Test
    void keysAddedInCodeThatLookLikeNumbersAreQuoted() {
        Template template = yaml("Responses:\n  200: ok\n");
        TemplateMap responses = template.root().getMap("Responses").orElseThrow();

        responses.put("500", TemplateScalar.string("error"));
        responses.put("Fn::If", TemplateScalar.string("x"));

        assertThat(template.render()).isEqualTo("Responses:\n  200: ok\n  '500': error\n  Fn::If: x\n");
    }

    @Test
    void mergeKeysAreWrittenSoThatTheyStillMerge() {
        Template template = yaml("Base: &base {Runtime: java21}\nFn:\n  <<: *base\n  Handler: h\n");

        Template reread = yaml(template.render());

        assertThat(reread.root()).isEqualTo(template.root());
        assertThat(template.render()).contains("<<: {Runtime: java21}");
    }

    @Test
    void windowsLineEndingsAreRead() {
        Template template = yaml("A: 1\r\nB: |\r\n  x\r\n  y\r\n");

        assertThat(template.root().getString("B")).contains("x\ny\n");
        assertThat(template.render()).isEqualTo("A: 1\nB: |\n  x\n  y\n");
    }

    @Test
    void directivesAndDocumentMarkersAreRead() {
        assertThat(yaml("%YAML 1.1\n---\nA: 1\n...\n").render()).isEqualTo("A: 1\n");
    }

    @Test
    void aSecondDocumentIsAnError() {
        assertThatThrownBy(() -> yaml("A: 1\n---\nB: 2\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template.yaml:2:1: a second YAML document starts here");
    }

    @Test
    void anAliasToAnUnknownAnchorIsAnError() {
        assertThatThrownBy(() -> yaml("A: *nowhere\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template.yaml:1:4:");
    }

    @Test
    void aComplexKeyIsAnError() {
        assertThatThrownBy(() -> yaml("? [a, b]\n: c\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template.yaml:1:3: a mapping key must be a plain string");
    }

    /** A block sequence directly inside a block sequence gets a wider indent ("-   - "); it reads the same. */
    @Test
    void intrinsicsMadeInCodeAreWrittenPlainWherePossible() {
        Template template = Template.of(TemplateMap.empty()
                .with("Bucket", TemplateIntrinsic.ref("ArtifactBucket"))
                .with("Arn", TemplateIntrinsic.getAtt("Fn", "Arn"))
                .with("Url", TemplateIntrinsic.sub("https://${Api}.execute-api.${AWS::Region}.amazonaws.com/"))
                .with("Hash", TemplateIntrinsic.sub("#${A}"))
                .with("Pair", TemplateIntrinsic.of("Fn::Join", TemplateList.of(TemplateScalar.string(""),
                        TemplateList.of(TemplateIntrinsic.ref("A"), TemplateScalar.string("b"))))),
                TemplateFormat.YAML);

        assertThat(template.render()).isEqualTo("""
                Bucket: !Ref ArtifactBucket
                Arn: !GetAtt Fn.Arn
                Url: !Sub https://${Api}.execute-api.${AWS::Region}.amazonaws.com/
                Hash: !Sub '#${A}'
                Pair: !Join
                  - ''
                  -   - !Ref A
                      - b
                """);
    }
}
