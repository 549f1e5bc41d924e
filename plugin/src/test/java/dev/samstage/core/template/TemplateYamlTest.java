package dev.samstage.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateYamlTest {

    private static Template yaml(String text) {
        return Template.parse(text, TemplateFormat.YAML, "template.yaml");
    }

    private static String roundTrip(String text) {
        return yaml(text).render();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            !Ref MyBucket                              | Ref            | !Ref
            !Sub 'arn:aws:s3:::${Bucket}/*'            | Fn::Sub        | !Sub
            !GetAtt MyFunction.Arn                     | Fn::GetAtt     | !GetAtt
            !GetAtt [MyFunction, Arn]                  | Fn::GetAtt     | !GetAtt
            !If [IsProd, 10, 1]                        | Fn::If         | !If
            !Join ['', [a, !Ref B]]                    | Fn::Join       | !Join
            !Select [0, !GetAZs '']                    | Fn::Select     | !Select
            !FindInMap [Map, !Ref 'AWS::Region', Ami]  | Fn::FindInMap  | !FindInMap
            !ImportValue SharedVpc                     | Fn::ImportValue| !ImportValue
            !Base64 hello                              | Fn::Base64     | !Base64
            !Cidr [10.0.0.0/16, 6, 5]                  | Fn::Cidr       | !Cidr
            !GetAZs us-east-1                          | Fn::GetAZs     | !GetAZs
            !Split [',', 'a,b']                        | Fn::Split      | !Split
            !Equals [!Ref Env, prod]                   | Fn::Equals     | !Equals
            !And [!Condition A, !Condition B]          | Fn::And        | !And
            !Or [!Condition A, !Condition B]           | Fn::Or         | !Or
            !Not [!Condition A]                        | Fn::Not        | !Not
            !Condition IsProd                          | Condition      | !Condition
            !Transform {Name: 'AWS::Include', Parameters: {Location: s3://b/k}} | Fn::Transform | !Transform
            !ToJsonString {a: 1}                       | Fn::ToJsonString | !ToJsonString
            !Length [1, 2]                             | Fn::Length     | !Length
            """)
    void eachIntrinsicTagRoundTripsInShortForm(String value, String function, String tag) {
        Template template = yaml("Outputs:\n  Value: " + value.strip() + "\n");

        TemplateNode node = template.root().getMap("Outputs").orElseThrow().get("Value").orElseThrow();
        assertThat(node).isInstanceOfSatisfying(TemplateIntrinsic.class, intrinsic -> {
            assertThat(intrinsic.function()).isEqualTo(function.strip());
            assertThat(intrinsic.tag()).isEqualTo(tag.strip());
        });
        String rendered = template.render();
        assertThat(rendered).startsWith("Outputs:\n  Value: " + tag.strip() + " ");
        assertThat(yaml(rendered).root()).isEqualTo(template.root());
        assertThat(yaml(rendered).render()).isEqualTo(rendered);
    }

    @Test
    void getAttKeepsTheScalarAndTheSequenceForm() {
        String text = """
                A: !GetAtt Fn.Arn
                B: !GetAtt [Fn, Arn]
                C: !GetAtt
                  - Fn
                  - Arn
                """;

        assertThat(roundTrip(text)).isEqualTo(text);
    }

    @Test
    void keysKeepTheirDocumentOrder() {
        String text = "Zeta: 1\nAlpha: 2\nMid: 3\nResources:\n  B:\n    Type: T\n  A:\n    Type: T\n";

        Template template = yaml(text);

        assertThat(template.root().keys()).containsExactly("Zeta", "Alpha", "Mid", "Resources");
        assertThat(template.resources()).extracting(TemplateResource::logicalId).containsExactly("B", "A");
        assertThat(template.render()).isEqualTo(text);
    }

    @Test
    void quotedNumbersStayStringsAndPlainNumbersKeepTheirText() {
        String text = """
                AccountId: '012345678901'
                Quoted: "42"
                Version: '2012-10-17'
                Runtime: 1.10
                Timeout: 30
                Octal: 0755
                Flag: true
                Empty:
                Tilde: ~
                """;

        Template template = yaml(text);

        TemplateMap root = template.root();
        assertThat(scalar(root, "AccountId")).extracting(TemplateScalar::kind, TemplateScalar::text)
                .containsExactly(TemplateScalar.Kind.STRING, "012345678901");
        assertThat(scalar(root, "Version").kind()).isEqualTo(TemplateScalar.Kind.STRING);
        assertThat(scalar(root, "Runtime")).extracting(TemplateScalar::kind, TemplateScalar::text)
                .containsExactly(TemplateScalar.Kind.NUMBER, "1.10");
        assertThat(scalar(root, "Flag").kind()).isEqualTo(TemplateScalar.Kind.BOOLEAN);
        assertThat(scalar(root, "Empty").kind()).isEqualTo(TemplateScalar.Kind.NULL);
        assertThat(template.render()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"012345678901", "2012-10-17", "1.10", "true", "yes", "null", "~", "", "1e5", "<<", " a"})
    void stringsMadeInCodeThatLookLikeOtherValuesAreQuoted(String value) {
        Template template = Template.of(TemplateMap.empty().with("Value", TemplateScalar.string(value)),
                TemplateFormat.YAML);

        String rendered = template.render();

        assertThat(rendered).isEqualTo("Value: '" + value + "'\n");
        assertThat(scalar(yaml(rendered).root(), "Value"))
                .isEqualTo(TemplateScalar.string(value));
    }

    @Test
    void literalAndFoldedBlocksKeepTheirMeaningAndStyle() {
        String text = """
                Literal: |
                  line one
                    indented two
                  line three
                Strip: |-
                  no trailing newline
                Folded: >
                  folded one
                  folded two

                  new paragraph
                """;

        Template template = yaml(text);

        assertThat(scalar(template.root(), "Literal").text()).isEqualTo("line one\n  indented two\nline three\n");
        assertThat(scalar(template.root(), "Strip").text()).isEqualTo("no trailing newline");
        assertThat(scalar(template.root(), "Folded").text()).isEqualTo("folded one folded two\nnew paragraph\n");
        String rendered = template.render();
        assertThat(rendered).contains("Literal: |\n", "Strip: |-\n", "Folded: >\n");
        assertThat(yaml(rendered).root()).isEqualTo(template.root());
    }

    @Test
    void literalBlocksStayLiteralWhereverTheyStandEvenWithTrailingSpaces() {
        String text = """
                Resources:
                  Fn:
                    Properties:
                      InlineCode: |
                        exports.handler = async (event) => {\s
                          return 1;

                        };
                      Policy: !Sub |
                        {"Resource": "arn:${AWS::Partition}:s3:::b"}
                      Steps:
                        - |-
                          first
                          second
                        - Script: |+
                            keep

                Outputs: {}
                """;

        Template template = yaml(text);

        assertThat(template.render()).isEqualTo(text);
        TemplateMap properties = template.resources().get(0).properties();
        assertThat(properties.getString("InlineCode"))
                .contains("exports.handler = async (event) => { \n  return 1;\n\n};\n");
        assertThat(properties.get("Policy")).get().isInstanceOfSatisfying(TemplateIntrinsic.class,
                sub -> assertThat(sub.argument()).isEqualTo(
                        TemplateScalar.string("{\"Resource\": \"arn:${AWS::Partition}:s3:::b\"}\n")));
        assertThat(properties.getList("Steps").orElseThrow().items()).containsExactly(
                TemplateScalar.string("first\nsecond"),
                TemplateMap.empty().with("Script", TemplateScalar.string("keep\n\n")));
    }

    @Test
    void blockTextsThatALiteralCannotHoldAreQuotedInstead() {
        Template template = Template.of(TemplateMap.empty()
                .with("LeadingSpace", TemplateScalar.literal("  indented\nnext\n"))
                .with("Control", TemplateScalar.literal("bell\u0007\nnext\n")), TemplateFormat.YAML);

        Template reread = yaml(template.render());

        assertThat(reread.root()).isEqualTo(template.root());
    }

    @Test
    void multiLineStringsMadeInCodeAreWrittenAsLiteralBlocks() {
        Template template = Template.of(TemplateMap.empty().with("Code", TemplateScalar.string("a\nb\n")),
                TemplateFormat.YAML);

        assertThat(template.render()).isEqualTo("Code: |\n  a\n  b\n");
    }

    @Test
    void anIntrinsicInsideAnIntrinsicMadeInCodeIsWrittenInLongForm() {
        Template template = Template.of(TemplateMap.empty().with("UserData",
                TemplateIntrinsic.of("Fn::Base64", TemplateIntrinsic.sub("echo ${AWS::Region}"))),
                TemplateFormat.YAML);

        String rendered = template.render();

        assertThat(rendered).isEqualTo("UserData:\n  Fn::Base64: !Sub echo ${AWS::Region}\n");
        assertThat(Intrinsics.functionOf(yaml(rendered).root().get("UserData").orElseThrow()))
                .contains("Fn::Base64");
    }

    @Test
    void aliasesAreWrittenOutAsCopies() {
        Template template = yaml("A: &tags {Team: x}\nB: *tags\n");

        TemplateMap b = template.root().getMap("B").orElseThrow();
        b.put("Team", TemplateScalar.string("y"));

        assertThat(template.root().getMap("A").orElseThrow().getString("Team")).contains("x");
        assertThat(template.render()).isEqualTo("A: {Team: x}\nB: {Team: y}\n");
    }

    @Test
    void writesToAFileAndReadsItBack(@TempDir Path dir) throws Exception {
        Template template = yaml("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n");
        template.resources().get(0).setProperty("CodeUri", TemplateScalar.string("s3://bucket/key"));

        Path file = dir.resolve("out/packaged.yaml");
        template.write(file);

        assertThat(Files.readString(file)).isEqualTo("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: s3://bucket/key
                """);
        Template read = Template.read(file);
        assertThat(read.source()).contains(file);
        assertThat(read.format()).isEqualTo(TemplateFormat.YAML);
        assertThat(read.resource("Fn").orElseThrow().property("CodeUri"))
                .contains(TemplateScalar.string("s3://bucket/key"));
    }

    private static TemplateScalar scalar(TemplateMap map, String key) {
        return (TemplateScalar) map.get(key).orElseThrow();
    }
}
