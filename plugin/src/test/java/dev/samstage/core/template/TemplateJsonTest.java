package dev.samstage.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateJsonTest {

    private static final String TEMPLATE = """
            {
              "Transform": "AWS::Serverless-2016-10-31",
              "Resources": {
                "Zeta": {
                  "Type": "AWS::Serverless::Function",
                  "Properties": {
                    "Timeout": 30,
                    "MemorySize": 1.10,
                    "AccountId": "012345678901",
                    "Enabled": true,
                    "Nothing": null,
                    "Role": {
                      "Fn::GetAtt": [
                        "Role",
                        "Arn"
                      ]
                    },
                    "Events": [ ]
                  }
                },
                "Alpha": {
                  "Type": "AWS::S3::Bucket"
                }
              }
            }
            """;

    @Test
    void jsonStaysJsonWithKeyOrderAndExactScalars(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("template.json");
        Files.writeString(file, TEMPLATE);

        Template template = Template.read(file);

        assertThat(template.format()).isEqualTo(TemplateFormat.JSON);
        assertThat(template.resources()).extracting(TemplateResource::logicalId).containsExactly("Zeta", "Alpha");
        TemplateMap properties = template.resources().get(0).properties();
        assertThat(properties.keys()).containsExactly("Timeout", "MemorySize", "AccountId", "Enabled", "Nothing",
                "Role", "Events");
        assertThat(properties.get("MemorySize")).contains(TemplateScalar.number("1.10"));
        assertThat(properties.get("AccountId")).contains(TemplateScalar.string("012345678901"));
        assertThat(Intrinsics.functionOf(properties.get("Role").orElseThrow())).contains("Fn::GetAtt");
        assertThat(template.render()).isEqualTo(TEMPLATE);
    }

    @Test
    void shortFormIntrinsicsAreWrittenInLongFormInJson() {
        Template template = Template.parse("{\"Resources\": {}}", TemplateFormat.JSON, "t.json");
        template.root().put("Outputs", TemplateMap.empty()
                .with("Arn", TemplateIntrinsic.getAtt("Fn", "Outputs.Arn"))
                .with("Name", TemplateIntrinsic.ref("Fn"))
                .with("Url", TemplateIntrinsic.sub("https://${Api}.execute-api")));

        Template reread = Template.parse(template.render(), TemplateFormat.JSON, "t.json");

        TemplateMap outputs = reread.root().getMap("Outputs").orElseThrow();
        assertThat(outputs.get("Arn")).contains(TemplateMap.empty().with("Fn::GetAtt",
                TemplateList.of(TemplateScalar.string("Fn"), TemplateScalar.string("Outputs.Arn"))));
        assertThat(outputs.get("Name")).contains(TemplateMap.empty().with("Ref", TemplateScalar.string("Fn")));
        assertThat(outputs.get("Url")).contains(TemplateMap.empty().with("Fn::Sub",
                TemplateScalar.string("https://${Api}.execute-api")));
    }

    @Test
    void aYamlTemplateRendersAsJsonWithTheSameValues() {
        Template template = Template.parse("A: 1.10\nB: '7'\nC: yes\nD: !Ref X\n", TemplateFormat.YAML, "t.yaml");

        assertThat(template.render(TemplateFormat.JSON)).isEqualTo("""
                {
                  "A": 1.10,
                  "B": "7",
                  "C": true,
                  "D": {
                    "Ref": "X"
                  }
                }
                """);
    }
}
