package dev.samstage.maven;

import dev.samstage.core.config.Environment;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.local.LocalInvocation;
import dev.samstage.core.local.LocalInvokeRequest;
import dev.samstage.core.local.LocalInvoker;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs one function of the template in this JVM with one event and prints its result:
 * {@code sam local invoke} without Docker, for functions no API serves (SQS, SNS, S3,
 * EventBridge rules, schedules, DynamoDB streams). The function runs as in the local stage:
 * its own class loader and environment variables, its {@code Timeout}, Lambda's payload limits.
 *
 * <pre>
 * mvn package samstage:invoke -Dsamstage.function=OrderEventsFunction -Dsamstage.event=sqs
 * mvn samstage:invoke -Dsamstage.function=NightlyJob -Dsamstage.event=events/nightly.json
 * </pre>
 *
 * <p>The goal does not build: run it after {@code mvn package}, or in the same command. The
 * result is printed and written to {@code target/samstage/<env>/invoke/<LogicalId>.json}. Uses
 * the stage's parameter overrides ({@code -Denv=local} by default).
 */
@Mojo(name = "invoke", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class InvokeMojo extends AbstractLocalMojo {

    /** The logical id of the function to run, as in the template (e.g. {@code OrderEventsFunction}). */
    @Parameter(property = "samstage.function")
    protected String function;

    /**
     * The event: a JSON file relative to the project directory (e.g. {@code events/sqs.json}),
     * or a sample event by name: {@code apigateway} (REST API proxy), {@code http-api} (HTTP API
     * payload 2.0), {@code sqs}, {@code sns}, {@code s3}, {@code eventbridge}, {@code schedule},
     * {@code dynamodb} (streams). Without it the function gets {@code {}}.
     */
    @Parameter(property = "samstage.event")
    protected String event;

    @Override
    protected void execute(Environment stage, Path template, StageListener listener) throws MojoExecutionException {
        LocalInvokeRequest request = new LocalInvokeRequest(
                LocalStages.request(project, session, template, stage, 0, localPassCredentials),
                function, event, stageOutputDir(stage).resolve("invoke"));
        LocalInvocation invocation = LocalInvoker.invoke(request, listener);
        listener.on(StageEvent.info(invocation.functionId() + " returned " + invocation.resultText()));
        listener.on(StageEvent.info("Result written to " + invocation.resultFile()));
    }
}
