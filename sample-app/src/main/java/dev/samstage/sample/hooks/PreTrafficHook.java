package dev.samstage.sample.hooks;

import java.util.function.UnaryOperator;

/**
 * Before any traffic reaches the new version: its {@code GET /health} must answer 200 with
 * status {@code ok} and the stage it was deployed to. Target: {@code TARGET_VERSION}
 * (the new version's ARN), stage: {@code STAGE}.
 */
public final class PreTrafficHook extends LifecycleHook {

    public PreTrafficHook() {
        this(AwsHookClients.invoker(), AwsHookClients.reporter(), System::getenv);
    }

    PreTrafficHook(FunctionInvoker invoker, HookStatusReporter reporter, UnaryOperator<String> environment) {
        super(invoker, reporter, environment, "TARGET_VERSION", new ApiProbe("GET", "/health", 200,
                body -> "ok".equals(body.path("status").asText()) && body.path("stage").asText().equals(environment.apply("STAGE")),
                "pre-traffic health check"));
    }
}
