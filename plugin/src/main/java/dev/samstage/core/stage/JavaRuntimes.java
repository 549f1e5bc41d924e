package dev.samstage.core.stage;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateResource;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stage runs Java functions in Maven's own JVM: a function whose Lambda runtime is a
 * newer Java than that JVM would run on an older JDK than in AWS. Said once per function, as a
 * warning (most code runs the same), with how to match them.
 */
final class JavaRuntimes {

    private static final Pattern JAVA = Pattern.compile("java(\\d+)(?:\\..*)?");

    private JavaRuntimes() {
    }

    static void warnWhenNewerThanThisJvm(Template template, StageListener listener) {
        int jvm = Runtime.version().feature();
        TemplateMap globals = template.globals("Function").orElse(TemplateMap.empty());
        for (TemplateResource function : template.resourcesOfType("AWS::Serverless::Function")) {
            Optional<String> runtime = function.properties().getString("Runtime").or(() -> globals.getString("Runtime"));
            Matcher java = JAVA.matcher(runtime.orElse(""));
            if (java.matches() && Integer.parseInt(java.group(1)) > jvm) {
                listener.on(StageEvent.warn("Function " + function.logicalId() + " runs on " + runtime.get() + " in AWS,"
                        + " but the local stage runs it in Maven's JVM, Java " + jvm + "; run Maven on JDK "
                        + java.group(1) + " (JAVA_HOME) to test it on the runtime it deploys to."));
            }
        }
    }
}
