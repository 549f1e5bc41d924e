package dev.samstage.sample.hooks;

import java.util.function.UnaryOperator;

/**
 * Once all traffic is on the new version: a catalogue read through the live alias must
 * return the product asked for. Target: {@code TARGET_ALIAS} (the alias ARN).
 */
public final class PostTrafficHook extends LifecycleHook {

    static final String PROBE_PRODUCT = "p-100";

    public PostTrafficHook() {
        this(AwsHookClients.invoker(), AwsHookClients.reporter(), System::getenv);
    }

    PostTrafficHook(FunctionInvoker invoker, HookStatusReporter reporter, UnaryOperator<String> environment) {
        super(invoker, reporter, environment, "TARGET_ALIAS", new ApiProbe("GET", "/products/" + PROBE_PRODUCT, 200,
                body -> PROBE_PRODUCT.equals(body.path("id").asText()),
                "post-traffic catalogue read"));
    }
}
