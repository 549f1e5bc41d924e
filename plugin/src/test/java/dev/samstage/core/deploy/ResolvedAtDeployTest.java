package dev.samstage.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateFormat;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResolvedAtDeployTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            the SAM transform alone is expanded the same way each time | Transform: AWS::Serverless-2016-10-31 |  -
            a dynamic reference | Description: '{{resolve:ssm:/orders/name}}' | dynamic references ({{resolve:...}})
            an SSM parameter type | 'Parameters: {Name: {Type: "AWS::SSM::Parameter::Value<String>", Default: /a}}' | an SSM parameter type (Name)
            a macro beside the SAM transform | 'Transform: [AWS::Serverless-2016-10-31, AWS::LanguageExtensions]' | macros (AWS::LanguageExtensions)
            an AWS::Include anywhere | 'Metadata: {X: {"Fn::Transform": {Name: AWS::Include, Parameters: {Location: s3://b/k}}}}' | Fn::Transform
            an AWS::Include in short form | 'Metadata: {X: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}}' | Fn::Transform
            a nested stack | 'Resources: {Child: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: https://x}}}' | nested stacks (Child)
            a nested SAM application | 'Resources: {App: {Type: AWS::Serverless::Application, Properties: {Location: x}}}' | nested stacks (App)
            """)
    void namesWhatCloudFormationResolvesAgainAtEachDeployment(String what, String yaml, String reason) {
        Template template = Template.parse(yaml, TemplateFormat.YAML, "template.yaml");

        assertThat(ResolvedAtDeploy.reason(template, yaml)).isEqualTo(Optional.ofNullable(reason));
    }
}
