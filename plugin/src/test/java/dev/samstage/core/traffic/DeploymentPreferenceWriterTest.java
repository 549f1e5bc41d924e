package dev.samstage.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The writer's output judged by the real aws-sam-translator. */
class DeploymentPreferenceWriterTest {

    private final List<StageEvent> events = new ArrayList<>();

    static TrafficPolicy dev() {
        return TrafficPolicy.builder("dev", DeploymentPreferenceType.of("AllAtOnce")).alarms(List.of("dev-errors")).build();
    }

    static TrafficPolicy prod() {
        return TrafficPolicy.builder("prod", DeploymentPreferenceType.of("Linear10PercentEvery1Minute"))
                .alarms(List.of("prod-errors", "prod-latency")).build();
    }

    static Path corpus(String name) {
        String root = System.getProperty("samstage.corpus");
        if (root == null) {
            throw new AssertionError("system property samstage.corpus is not set; run the tests through Maven (surefire sets it)");
        }
        Path file = Path.of(root, "sam-translator-inputs", name);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("corpus template " + file + " is missing; samstage.corpus=" + root);
        }
        return file;
    }

    static Template shop() {
        try (InputStream in = DeploymentPreferenceWriterTest.class.getResourceAsStream("shop.yaml")) {
            return Template.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), TemplateFormat.YAML, "shop.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A template, its aliased functions with the hooks SAM must put on their alias, and their alarms in the template. */
    record Case(String name, Template template, Map<String, Map<String, String>> functions, Map<String, List<String>> templateAlarms) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> templates() {
        return Stream.of(
                new Case("function_with_deployment_preference.yaml", Template.read(corpus("function_with_deployment_preference.yaml")),
                        Map.of("MinimalFunction", Map.of()), Map.of()),
                new Case("function_with_custom_conditional_codedeploy_deployment_preference.yaml (Type: !If)",
                        Template.read(corpus("function_with_custom_conditional_codedeploy_deployment_preference.yaml")),
                        Map.of("HelloWorldFunction", Map.of()), Map.of()),
                new Case("function_with_deployment_and_custom_role.yaml (Globals)",
                        Template.read(corpus("function_with_deployment_and_custom_role.yaml")),
                        Map.of("MinimalFunction", Map.of(), "FunctionWithRole", Map.of()), Map.of()),
                new Case("shop.yaml (alarms, hooks, triggers, conditions)", shop(),
                        Map.of("CheckoutFunction", Map.of("BeforeAllowTrafficHook", "SanityHook"), "CatalogFunction", Map.of()),
                        Map.of("CheckoutFunction", List.of("shop-latency"))));
    }

    static Stream<Arguments> stagesAndTemplates() {
        return Stream.of(dev(), prod()).flatMap(stage -> templates().map(c -> Arguments.of(stage, c)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("stagesAndTemplates")
    void samTurnsTheStagePreferenceIntoADeploymentGroupWithTheStageAlarmsAndTheHooks(TrafficPolicy stage, Case c) {
        PreferenceReport report = new DeploymentPreferenceWriter(events::add).apply(c.template(), stage);

        assertThat(report.functions()).containsExactlyInAnyOrderElementsOf(c.functions().keySet());
        JsonNode resources = SamTranslator.translate(c.template().render()).get("Resources");
        c.functions().forEach((function, hooks) -> {
            JsonNode group = resources.get(function + "DeploymentGroup");
            assertThat(group).as("deployment group of " + function).isNotNull();
            JsonNode props = group.get("Properties");
            assertThat(SamTranslator.configName(props.get("DeploymentConfigName")))
                    .isEqualTo("CodeDeployDefault.Lambda" + stage.type().value());
            List<String> alarmNames = props.get("AlarmConfiguration").get("Alarms").findValues("Name").stream()
                    .filter(JsonNode::isTextual).map(JsonNode::asText).toList();
            assertThat(alarmNames).containsAll(stage.alarms()).containsAll(c.templateAlarms().getOrDefault(function, List.of()))
                    .doesNotHaveDuplicates();
            assertThat(props.get("AlarmConfiguration").get("Enabled").asBoolean()).isTrue();
            assertThat(props.get("AutoRollbackConfiguration").get("Enabled").asBoolean()).isTrue();
            assertThat(props.get("AutoRollbackConfiguration").get("Events").toString()).contains("DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_FAILURE");
            JsonNode update = resources.get(function + "Aliaslive").get("UpdatePolicy").get("CodeDeployLambdaAliasUpdate");
            assertThat(update.get("DeploymentGroupName").get("Ref").asText()).isEqualTo(function + "DeploymentGroup");
            assertThat(update.get("ApplicationName").get("Ref").asText()).isEqualTo("ServerlessDeploymentApplication");
            for (String hook : List.of("BeforeAllowTrafficHook", "AfterAllowTrafficHook")) {
                if (hooks.containsKey(hook)) {
                    assertThat(update.get(hook).get("Ref").asText()).isEqualTo(hooks.get(hook));
                } else {
                    assertThat(update.has(hook)).as(hook + " of " + function).isFalse();
                }
            }
        });
    }

    @Test
    void aConditionalTypeIsReplacedByTheStageAndTheTemplatesConditionsStay() {
        Template template = Template.read(corpus("function_with_custom_conditional_codedeploy_deployment_preference.yaml"));

        new DeploymentPreferenceWriter(events::add).apply(template, prod());

        assertThat(messages()).contains("Resources.HelloWorldFunction.DeploymentPreference.Type !If [IsDevEnv, !If [IsDevEnv2,"
                + " AllAtOnce, TestCustomDeploymentConfig], Canary10Percent15Minutes] in " + template.source().orElseThrow()
                + " replaced by stage prod's Linear10PercentEvery1Minute.");
        JsonNode translated = SamTranslator.translate(template.render());
        assertThat(translated.get("Conditions").has("IsDevEnv")).isTrue();
        assertThat(translated.get("Conditions").has("IsDevEnv2")).isTrue();
    }

    @Test
    void keepsTheTemplatesRoleTriggersAndIntrinsicsAndAddsTheStagesTriggersAndHooks() {
        Template template = shop();
        TrafficPolicy policy = prod().toBuilder()
                .triggers(List.of(new TrafficTrigger("prod-rollbacks", "arn:aws:sns:eu-west-1:123456789012:prod-rollbacks",
                        List.of("DeploymentRollback", "DeploymentFailure")),
                        new TrafficTrigger("shop-failures", "arn:aws:sns:eu-west-1:123456789012:other", List.of("DeploymentStop"))))
                .hooks(Map.of("PostTraffic", "SanityHook")).build();

        new DeploymentPreferenceWriter(events::add).apply(template, policy);

        JsonNode checkout = SamTranslator.translate(template.render()).get("Resources");
        JsonNode triggers = checkout.get("CheckoutFunctionDeploymentGroup").get("Properties").get("TriggerConfigurations");
        assertThat(triggers.findValuesAsText("TriggerName")).containsExactly("shop-failures", "prod-rollbacks");
        assertThat(triggers.get(0).get("TriggerTargetArn").has("Fn::Sub")).isTrue();
        JsonNode update = checkout.get("CheckoutFunctionAliaslive").get("UpdatePolicy").get("CodeDeployLambdaAliasUpdate");
        assertThat(update.get("BeforeAllowTrafficHook").get("Ref").asText()).isEqualTo("SanityHook");
        assertThat(update.get("AfterAllowTrafficHook").get("Ref").asText()).isEqualTo("SanityHook");
        JsonNode alarms = checkout.get("CheckoutFunctionDeploymentGroup").get("Properties").get("AlarmConfiguration").get("Alarms");
        assertThat(alarms.toString()).contains("{\"Name\":{\"Ref\":\"CheckoutThrottlesAlarm\"}}");
    }

    @Test
    void generatedAlarmsWatchOnlyTheNewVersionAndTheRestApiInFrontWithoutADependencyCycle() {
        Template template = shop();
        TrafficPolicy policy = prod().toBuilder().lambdaErrorAlarms(true).api5xxAlarms(true).build();

        PreferenceReport report = new DeploymentPreferenceWriter(events::add).apply(template, policy);

        assertThat(report.generatedAlarms()).containsExactly("CheckoutFunctionNewVersionErrorsAlarm", "ServerlessRestApi5xxAlarm",
                "CatalogFunctionNewVersionErrorsAlarm");
        assertThat(messages()).contains("No 5xx alarm for HTTP API ServerlessHttpApi of CatalogFunction: its metrics are keyed by the"
                + " API id, which CloudFormation only knows after the alias the deployment group guards (a dependency cycle)."
                + " Create the alarm outside this stack and name it in the stage's <alarms>.");
        assertThat(CfnLint.errors(template.render())).isEmpty();
        JsonNode resources = SamTranslator.translate(template.render()).get("Resources");
        JsonNode errors = resources.get("CheckoutFunctionNewVersionErrorsAlarm").get("Properties");
        assertThat(errors.get("MetricName").asText()).isEqualTo("Errors");
        JsonNode dimensions = errors.get("Dimensions");
        assertThat(dimensions.findValuesAsText("Name")).containsExactly("FunctionName", "Resource", "ExecutedVersion");
        assertThat(dimensions.get(1).get("Value").toString()).isEqualTo("{\"Fn::Join\":[\":\",[{\"Ref\":\"CheckoutFunction\"},\"live\"]]}");
        // SAM resolves CheckoutFunction.Version to the version it publishes in this deployment
        JsonNode version = dimensions.get(2).get("Value").get("Fn::Select");
        assertThat(version.get(0).asInt()).isEqualTo(7);
        String versionId = version.get(1).get("Fn::Split").get(1).get("Ref").asText();
        assertThat(versionId).startsWith("CheckoutFunctionVersion");
        assertThat(resources.get(versionId).get("Type").asText()).isEqualTo("AWS::Lambda::Version");
        JsonNode rest5xx = resources.get("ServerlessRestApi5xxAlarm").get("Properties");
        assertThat(rest5xx.get("MetricName").asText()).isEqualTo("5XXError");
        assertThat(rest5xx.get("Dimensions").toString())
                .isEqualTo("[{\"Name\":\"ApiName\",\"Value\":{\"Ref\":\"AWS::StackName\"}},{\"Name\":\"Stage\",\"Value\":\"Prod\"}]");
        assertThat(resources.get("ServerlessRestApi").get("Properties").get("Body").get("info").get("title").toString())
                .isEqualTo("{\"Ref\":\"AWS::StackName\"}");
        String checkoutAlarms = resources.get("CheckoutFunctionDeploymentGroup").get("Properties").get("AlarmConfiguration").toString();
        assertThat(checkoutAlarms).contains("{\"Name\":{\"Ref\":\"CheckoutFunctionNewVersionErrorsAlarm\"}}",
                "{\"Name\":{\"Ref\":\"ServerlessRestApi5xxAlarm\"}}");
        String catalogAlarms = resources.get("CatalogFunctionDeploymentGroup").get("Properties").get("AlarmConfiguration").toString();
        assertThat(catalogAlarms).contains("CatalogFunctionNewVersionErrorsAlarm").doesNotContain("5xx");
    }

    @Test
    void applyingTheStageTwiceChangesNothingMore() {
        Template template = shop();
        TrafficPolicy policy = prod().toBuilder().lambdaErrorAlarms(true).api5xxAlarms(true).build();
        DeploymentPreferenceWriter writer = new DeploymentPreferenceWriter(events::add);

        writer.apply(template, policy);
        String once = template.render();
        writer.apply(template, policy);

        assertThat(template.render()).isEqualTo(once);
    }

    @Test
    void warnsAboutAFunctionWithoutAliasButNotAboutTheHookFunction() {
        new DeploymentPreferenceWriter(events::add).apply(shop(), prod());

        assertThat(events).filteredOn(e -> e.severity() == StageEvent.Severity.WARN).extracting(StageEvent::message)
                .containsExactly("Resources.LegacyJob in the template has no AutoPublishAlias, so stage prod's deployment preference"
                        + " Linear10PercentEvery1Minute does not apply to it: its new code takes all traffic at once, without alarms."
                        + " Add 'AutoPublishAlias: live' to it (or to Globals.Function) to shift traffic safely.");
    }

    @Test
    void warnsAboutAPreferenceOnAFunctionWithoutAlias() {
        Template template = Template.read(corpus("error_function_with_deployment_preference_missing_alias.yaml"));

        PreferenceReport report = new DeploymentPreferenceWriter(events::add).apply(template, dev());

        assertThat(report.withoutAlias()).containsExactly("MinimalFunction");
        assertThat(messages()).anyMatch(m -> m.startsWith("Resources.MinimalFunction in ") && m.contains("has a DeploymentPreference but no"
                + " AutoPublishAlias: SAM refuses that"));
    }

    @Test
    void aHookFunctionWhosePreferenceIsDisabledNeedsNoAliasAndIsNotWarnedAbout() {
        Template template = Template.parse("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ShopFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: "shop.Handler::handleRequest", AutoPublishAlias: live,
                                 DeploymentPreference: {Hooks: {PreTraffic: !Ref PreTrafficHook}}}
                  PreTrafficHook:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: "shop.Check::handleRequest", DeploymentPreference: {Enabled: false}}
                Globals:
                  Function: {Runtime: java21, CodeUri: "s3://bucket/shop.zip"}
                """, TemplateFormat.YAML, "template.yaml");

        new DeploymentPreferenceWriter(events::add).apply(template, dev());

        assertThat(events).filteredOn(e -> e.severity() == StageEvent.Severity.WARN).isEmpty();
        // SAM accepts it: the disabled preference asks for no alias
        JsonNode translated = SamTranslator.translate(template.render());
        assertThat(translated.get("Resources").has("PreTrafficHook")).isTrue();
        assertThat(translated.get("Resources").has("ShopFunctionAliaslive")).isTrue();
    }

    @Test
    void aStageAlarmTheTemplateAlreadyNamesIsNotAddedTwice() {
        Template template = shop();
        TrafficPolicy policy = TrafficPolicy.builder("prod", DeploymentPreferenceType.of("AllAtOnce"))
                .alarms(List.of("shop-latency", "prod-errors")).build();

        new DeploymentPreferenceWriter(events::add).apply(template, policy);

        String alarms = SamTranslator.translate(template.render()).get("Resources").get("CheckoutFunctionDeploymentGroup")
                .get("Properties").get("AlarmConfiguration").get("Alarms").toString();
        assertThat(alarms).isEqualTo("[{\"Name\":\"shop-latency\"},{\"Name\":{\"Ref\":\"CheckoutThrottlesAlarm\"}},{\"Name\":\"prod-errors\"}]");
    }

    @Test
    void conditionalAlarmsGetTheStageAlarmsInBothBranches() {
        Template template = Template.parse("""
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Strict: {Type: String, Default: 'yes'}
                Conditions:
                  IsStrict: !Equals [!Ref Strict, 'yes']
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: s3://b/k.zip
                      Handler: a.B::c
                      Runtime: java21
                      AutoPublishAlias: live
                      DeploymentPreference:
                        Type: AllAtOnce
                        Alarms: !If [IsStrict, [strict-alarm], !Ref 'AWS::NoValue']
                        Enabled: !If [IsStrict, true, false]
                """, TemplateFormat.YAML, "conditional.yaml");

        new DeploymentPreferenceWriter(events::add).apply(template, prod());

        JsonNode group = SamTranslator.translate(template.render()).get("Resources").get("FnDeploymentGroup").get("Properties");
        JsonNode branches = group.get("AlarmConfiguration").get("Fn::If");
        assertThat(branches.get(0).asText()).isEqualTo("IsStrict");
        assertThat(branches.get(1).get("Alarms").findValuesAsText("Name")).containsExactly("strict-alarm", "prod-errors", "prod-latency");
        assertThat(branches.get(2).get("Alarms").findValuesAsText("Name")).containsExactly("prod-errors", "prod-latency");
        assertThat(template.render()).contains("Enabled: !If [IsStrict, true, false]");
    }

    @Test
    void refusesMoreThanTenAlarmsAndLeavesTheTemplateAlone() {
        Template template = shop();
        String before = template.render();
        List<String> nine = java.util.stream.IntStream.rangeClosed(1, 9).mapToObj(i -> "prod-alarm-" + i).toList();
        TrafficPolicy policy = TrafficPolicy.builder("prod", DeploymentPreferenceType.of("AllAtOnce")).alarms(nine).build();

        assertThatThrownBy(() -> new DeploymentPreferenceWriter(events::add).apply(template, policy))
                .isInstanceOf(TrafficException.class)
                .hasMessage("Resources.CheckoutFunction.DeploymentPreference.Alarms in the template would hold 11 alarms (template: 2,"
                        + " stage prod and generated: 9), more than CodeDeploy's limit of 10 per deployment group; drop some from"
                        + " the stage's <alarms> or the template, or combine them into a composite alarm.");
        assertThat(template.render()).isEqualTo(before);
    }

    static Stream<Arguments> badHooks() {
        return Stream.of(
                Arguments.of("!Ref MissingHook", "Resources.Fn.DeploymentPreference.Hooks.PostTraffic in the template references"
                        + " 'MissingHook', which is not a function of the template; add the hook function to the template or correct the logical id."),
                Arguments.of("CodeDeployHook_external", "Resources.Fn.DeploymentPreference.Hooks.PostTraffic in the template is"
                        + " CodeDeployHook_external, which is not a function of the template; write !Ref <logicalId> of an"
                        + " AWS::Serverless::Function in the same template."),
                Arguments.of("!If [IsProd, !Ref Hook, !Ref OtherHook]", "Resources.Fn.DeploymentPreference.Hooks.PostTraffic in the"
                        + " template references 'OtherHook', which is not a function of the template"));
    }

    @ParameterizedTest(name = "PostTraffic: {0}")
    @MethodSource("badHooks")
    void refusesHooksThatAreNotFunctionsOfTheTemplate(String hook, String message) {
        Template template = Template.parse("""
                Transform: AWS::Serverless-2016-10-31
                Conditions:
                  IsProd: !Equals [a, b]
                Resources:
                  Hook:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: s3://b/h.zip, Handler: h.H::h, Runtime: java21}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: s3://b/k.zip
                      Handler: a.B::c
                      Runtime: java21
                      AutoPublishAlias: live
                      DeploymentPreference:
                        Type: AllAtOnce
                        Hooks:
                          PostTraffic: %s
                """.formatted(hook), TemplateFormat.YAML, "hooks.yaml");
        String before = template.render();

        assertThatThrownBy(() -> new DeploymentPreferenceWriter(events::add).apply(template, dev()))
                .isInstanceOf(TrafficException.class).hasMessageStartingWith(message);
        assertThat(template.render()).isEqualTo(before);
    }

    @Test
    void refusesAStageHookNamingAMissingFunction() {
        TrafficPolicy policy = prod().toBuilder().hooks(Map.of("PreTraffic", "SmokeHook")).build();

        assertThatThrownBy(() -> new DeploymentPreferenceWriter(events::add).apply(shop(), policy))
                .isInstanceOf(TrafficException.class)
                .hasMessage("Stage prod hook PreTraffic names function 'SmokeHook', which is not a function of the template;"
                        + " name the logical id of an AWS::Serverless::Function in it.");
    }

    @Test
    void refusesStageAlarmsForAlarmsTheTemplateComputes() {
        Template template = Template.parse("""
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  AlarmNames: {Type: CommaDelimitedList}
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: s3://b/k.zip
                      Handler: a.B::c
                      Runtime: java21
                      AutoPublishAlias: live
                      DeploymentPreference:
                        Type: AllAtOnce
                        Alarms: !Ref AlarmNames
                """, TemplateFormat.YAML, "computed.yaml");

        assertThatThrownBy(() -> new DeploymentPreferenceWriter(events::add).apply(template, prod()))
                .isInstanceOf(TrafficException.class)
                .hasMessage("Resources.Fn.DeploymentPreference.Alarms in the template is !Ref AlarmNames, not a list; stage prod"
                        + " cannot add its alarms to it. Write the template's alarms as a list (or an !If of lists).");
    }

    @Test
    void aTemplateWithoutStageAlarmsStillTranslatesWithoutAlarmConfiguration() {
        Template template = Template.read(corpus("function_with_deployment_preference.yaml"));
        TrafficPolicy bare = TrafficPolicy.builder("dev", DeploymentPreferenceType.of("AllAtOnce")).build();

        new DeploymentPreferenceWriter(events::add).apply(template, bare);

        JsonNode group = SamTranslator.translate(template.render()).get("Resources").get("MinimalFunctionDeploymentGroup");
        assertThat(SamTranslator.configName(group.get("Properties").get("DeploymentConfigName"))).isEqualTo("CodeDeployDefault.LambdaAllAtOnce");
        assertThat(group.get("Properties").has("AlarmConfiguration")).isFalse();
    }

    private List<String> messages() {
        return events.stream().map(StageEvent::message).toList();
    }
}
