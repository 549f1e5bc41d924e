package dev.samstage.core.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaRuntimesTest {

    @Test
    void aFunctionOnANewerJavaThanMavensJvmGetsOneHintAndOthersNone() {
        int jvm = Runtime.version().feature();
        Template template = Template.parse("""
                Globals: {Function: {Runtime: java%d}}
                Resources:
                  Same: {Type: AWS::Serverless::Function, Properties: {Handler: a.B}}
                  Newer: {Type: AWS::Serverless::Function, Properties: {Handler: a.B, Runtime: java%d}}
                  Older: {Type: AWS::Serverless::Function, Properties: {Handler: a.B, Runtime: java8.al2}}
                """.formatted(jvm, jvm + 4), TemplateFormat.YAML, "template.yaml");
        List<StageEvent> events = new ArrayList<>();

        JavaRuntimes.warnWhenNewerThanThisJvm(template, events::add);

        assertThat(events).extracting(StageEvent::severity, StageEvent::message).containsExactly(
                org.assertj.core.api.Assertions.tuple(StageEvent.Severity.WARN, "Function Newer runs on java" + (jvm + 4)
                        + " in AWS, but the local stage runs it in Maven's JVM, Java " + jvm + "; run Maven on JDK "
                        + (jvm + 4) + " (JAVA_HOME) to test it on the runtime it deploys to."));
    }
}
