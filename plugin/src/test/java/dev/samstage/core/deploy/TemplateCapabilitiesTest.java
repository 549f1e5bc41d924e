package dev.samstage.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateFormat;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateCapabilitiesTest {

    @ParameterizedTest(name = "{0} -> [{2}]")
    @CsvSource(delimiter = '|', value = {
            "a topic                | Resources: {T: {Type: AWS::SNS::Topic}} | ",
            "an IAM role            | Resources: {R: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {}}}} | CAPABILITY_IAM",
            "a named role           | Resources: {R: {Type: AWS::IAM::Role, Properties: {RoleName: deployer}}} | CAPABILITY_IAM CAPABILITY_NAMED_IAM",
            "a named managed policy | Resources: {P: {Type: AWS::IAM::ManagedPolicy, Properties: {ManagedPolicyName: p}}} | CAPABILITY_IAM CAPABILITY_NAMED_IAM",
            "a named user           | Resources: {U: {Type: AWS::IAM::User, Properties: {UserName: ci}}} | CAPABILITY_IAM CAPABILITY_NAMED_IAM",
            "a named group          | Resources: {G: {Type: AWS::IAM::Group, Properties: {GroupName: ops}}} | CAPABILITY_IAM CAPABILITY_NAMED_IAM",
            "a named profile        | Resources: {I: {Type: AWS::IAM::InstanceProfile, Properties: {InstanceProfileName: ip, Roles: []}}} | CAPABILITY_IAM CAPABILITY_NAMED_IAM",
            "a SAM function         | {Transform: AWS::Serverless-2016-10-31, Resources: {F: {Type: AWS::Serverless::Function}}} | CAPABILITY_IAM CAPABILITY_AUTO_EXPAND",
            "a nested SAM app       | {Transform: AWS::Serverless-2016-10-31, Resources: {A: {Type: AWS::Serverless::Application}}} | CAPABILITY_AUTO_EXPAND",
            "a macro                | Resources: {T: {Type: AWS::SNS::Topic, Properties: {'Fn::Transform': {Name: Upper}}}} | CAPABILITY_AUTO_EXPAND",
            "a macro in short form  | Resources: {T: {Type: AWS::SNS::Topic, Properties: !Transform {Name: Upper}}} | CAPABILITY_AUTO_EXPAND"})
    void derivesTheCapabilitiesFromWhatTheTemplateDeclares(String what, String yaml, String expected) {
        Template template = Template.parse(yaml.startsWith("{") ? yaml : "{" + yaml + "}", TemplateFormat.YAML, what);
        List<String> capabilities = expected == null ? List.of() : Arrays.asList(expected.split(" "));
        assertThat(TemplateCapabilities.of(template)).containsExactlyElementsOf(capabilities);
    }
}
