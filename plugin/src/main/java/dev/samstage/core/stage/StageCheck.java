package dev.samstage.core.stage;

import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateResource;
import dev.samstage.core.traffic.DeploymentPreferenceWriter;
import dev.samstage.core.traffic.TrafficPolicy;
import dev.samstage.core.validate.TemplateValidation;
import java.nio.file.Path;
import java.util.List;

/**
 * The checks a stage run makes before it builds anything: the stage is known and valid
 * (already enforced when it was resolved), the template reads and passes
 * {@link TemplateValidation} (the same checks for every stage), and the stage's deployment
 * preference, alarms and hooks fit the template. Reports what will run.
 */
public final class StageCheck {

    private final StageListener listener;

    public StageCheck(StageListener listener) {
        this.listener = listener;
    }

    /** Reads the template and describes the stage; throws a one-line {@code StageException} on a problem. */
    public Template check(Environment stage, Path templateFile) {
        Template template = Template.read(templateFile);
        TemplateValidation.check(templateFile, template, listener);
        if (stage.isLocal()) {
            TemplateValidation.report(TemplateValidation.localProblems(templateFile, template), listener);
            JavaRuntimes.warnWhenNewerThanThisJvm(template, listener);
        }
        if (!stage.isLocal()) {
            // the stage's traffic settings against the template, on a copy: errors now, warnings when packaging
            new DeploymentPreferenceWriter(StageListener.IGNORE).apply(template.copy(), TrafficPolicy.of(stage));
        }
        List<TemplateResource> functions = template.resources().stream()
                .filter(r -> r.type().filter(t -> t.equals("AWS::Serverless::Function") || t.equals("AWS::Lambda::Function")).isPresent())
                .toList();
        listener.on(StageEvent.info(describe(stage) + "; template " + templateFile.getFileName() + " with "
                + template.resources().size() + " resources, " + functions.size() + " functions"));
        return template;
    }

    static String describe(Environment stage) {
        if (stage.isLocal()) {
            return "Stage local: in-JVM, no AWS; suite '" + stage.suiteTag() + "'";
        }
        return "Stage " + stage.name() + ": account " + stage.accountId() + ", region" + (stage.regions().size() > 1 ? "s " : " ")
                + String.join(", ", stage.regions()) + ", stack " + stage.stackName() + ", suite '" + stage.suiteTag()
                + "', deployment preference " + stage.deploymentPreference()
                + (stage.requiresApproval() ? ", change sets need approval" : "");
    }
}
