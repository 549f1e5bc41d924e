package dev.samstage.core.validate;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TemplateValidationTest {

    private static final Path FILE = Path.of("app", "template.yaml");
    private static final String EVENTS = "Resources.Fn.Properties.Events.Get.Properties";

    static Stream<Arguments> mistakes() {
        return Stream.of(
            arguments("two functions on one route", """
                Globals: {Function: {Handler: a.B}}
                Resources:
                  First: {Type: AWS::Serverless::Function, Properties: {Events: {Get: {Type: Api, Properties: {Path: '/orders/{id}', Method: get}}}}}
                  Second: {Type: AWS::Serverless::Function, Properties: {Events: {Fetch: {Type: Api, Properties: {Path: '/orders/{orderId}', Method: GET}}}}}
                """, "Resources.Second.Properties.Events.Fetch declares route GET /orders/{orderId} of ServerlessRestApi,"
                + " which First.Get already declares; remove or change the Path/Method of one of them"),
            arguments("two events on one route of a named API", """
                Resources:
                  Api: {Type: AWS::Serverless::Api, Properties: {StageName: v1}}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B
                      Events:
                        One: {Type: Api, Properties: {RestApiId: !Ref Api, Path: '/files/{proxy+}', Method: any}}
                        Two: {Type: Api, Properties: {RestApiId: {Ref: Api}, Path: '/files/{path+}', Method: ANY}}
                """, "Resources.Fn.Properties.Events.Two declares route ANY /files/{path+} of Api, which Fn.One already"
                + " declares; remove or change the Path/Method of one of them"),
            arguments("two $default routes of an HTTP API", """
                Globals: {Function: {Handler: a.B}}
                Resources:
                  First: {Type: AWS::Serverless::Function, Properties: {Events: {All: {Type: HttpApi}}}}
                  Second: {Type: AWS::Serverless::Function, Properties: {Events: {Rest: {Type: HttpApi, Properties: {}}}}}
                """, "Resources.Second.Properties.Events.Rest declares route $default of ServerlessHttpApi, which First.All"
                + " already declares; remove or change the Path/Method of one of them"),
            arguments("a Globals Timeout that is not a number", "Globals: {Function: {Handler: a.B, Timeout: 30s}}\n"
                + function("{}"),
                "Globals.Function.Timeout '30s' is not a whole number of seconds from 1 to 900; write e.g. Timeout: 30"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/dev/samstage/core/validate/template-mistakes.csv", delimiter = '|')
    void eachMistakeInAFunctionIsOneLineNamingFilePropertyValueAndFix(String mistake, String in, String yaml, String expected) {
        String template = in.equals("event") ? event(yaml) : function(yaml);

        assertThat(TemplateValidation.problems(FILE, parse(template))).extracting(TemplateProblem::line)
                .containsExactly(FILE + ": " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsOneLineNamingFilePropertyValueAndFix(String mistake, String template, String expected) {
        List<TemplateProblem> problems = TemplateValidation.problems(FILE, parse(template));

        assertThat(problems).extracting(TemplateProblem::line).containsExactly(FILE + ": " + expected);
    }

    @Test
    void aSoundTemplateHasNoProblems() {
        String template = """
            Parameters:
              RoutePath: {Type: String}
            Globals:
              Function: {Handler: a.B, Timeout: 29, MemorySize: 1024}
            Resources:
              Admin:
                Type: AWS::Serverless::Api
                Properties: {StageName: v1}
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Timeout: !Ref AWS::NoValue
                  Events:
                    Get: {Type: Api, Properties: {Path: '/orders/{id}', Method: get}}
                    Post: {Type: Api, Properties: {Path: '/orders/{id}', Method: post}}
                    AdminGet: {Type: Api, Properties: {RestApiId: !Ref Admin, Path: '/orders/{id}', Method: get}}
                    FromParameter: {Type: Api, Properties: {Path: !Ref RoutePath, Method: get}}
                    Http: {Type: HttpApi, Properties: {Path: '/orders/{id}', Method: get}}
                    Default: {Type: HttpApi}
                    Queue: {Type: SQS, Properties: {Queue: arn}}
            """;

        assertThat(TemplateValidation.problems(FILE, parse(template))).isEmpty();
    }

    @Test
    void theLocalStageRefusesFunctionsThatAreNotJavaAndOnlyThose() {
        Template template = parse("""
                Resources:
                  Orders: {Type: AWS::Serverless::Function, Properties: {Handler: a.B, Runtime: java21}}
                  Resize: {Type: AWS::Serverless::Function, Properties: {Handler: app.handler, Runtime: python3.12}}
                """);

        assertThat(TemplateValidation.problems(FILE, template)).as("AWS stages run any runtime").isEmpty();
        assertThat(TemplateValidation.localProblems(FILE, template)).extracting(TemplateProblem::line).containsExactly(
                FILE + ": Resources.Resize.Properties.Runtime is python3.12; the local stage runs Java functions only, in"
                + " Maven's JVM: deploy this one to an AWS stage (-Denv=dev) to test it");
    }

    @Test
    void checkReportsEveryProblemAndFailsWithTheFirst() {
        List<StageEvent> events = new ArrayList<>();
        Template template = parse(function("{Timeout: soon, Events: {Get: {Type: Api, Properties: {Method: get}}}}"));

        assertThatThrownBy(() -> TemplateValidation.check(FILE, template, events::add))
            .isInstanceOf(TemplateValidationException.class)
            .hasMessage(FILE + ": Resources.Fn.Properties.Handler is missing; add Handler: pkg.Class::method to the function"
                + " or to Globals.Function (and 2 more, listed above)");
        assertThat(events).extracting(StageEvent::message).containsExactly(
            FILE + ": Resources.Fn.Properties.Timeout 'soon' is not a whole number of seconds from 1 to 900; write e.g. Timeout: 30",
            FILE + ": " + EVENTS + ".Path is missing; an Api event needs Path: /resource and Method: get");
    }

    /** A template of one function {@code Fn} with these properties (flow style). */
    private static String function(String properties) {
        return "Resources:\n  Fn: {Type: AWS::Serverless::Function, Properties: " + properties + "}\n";
    }

    /** A template of one function {@code Fn} with a Handler and this event {@code Get}. */
    private static String event(String event) {
        return function("{Handler: a.B, Events: {Get: " + event + "}}");
    }

    private static Template parse(String text) {
        return Template.parse(text, TemplateFormat.YAML, FILE.toString());
    }
}
