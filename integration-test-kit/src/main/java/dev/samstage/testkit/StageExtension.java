package dev.samstage.testkit;

import static dev.samstage.testkit.StageProperties.*;

import io.restassured.specification.RequestSpecification;
import java.io.PrintStream;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Behind {@link StageTest}: resolves the stage once per class (the lookup itself once per run),
 * waits for readiness if asked, injects specifications, the context and outputs, and prints a
 * failed test's masked HTTP exchanges. All state lives in the JUnit store, so classes may run
 * in parallel.
 */
final class StageExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final Namespace NAMESPACE = Namespace.create(StageExtension.class);

    private final StageRuntime runtime;

    StageExtension() {
        this(StageRuntime.system());
    }

    StageExtension(StageRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!usesTheApi(context.getRequiredTestClass())) {
            return; // a suite of functions only: its stage may have no API at all
        }
        StageSession session = session(context);
        StageSettings settings = settings(context);
        Optional<Setting> path = settings.find(READINESS_PATH);
        if (path.isEmpty()) {
            return;
        }
        ReadinessProbe probe = new ReadinessProbe(
                path.get().value().startsWith("/") ? path.get().value() : "/" + path.get().value(),
                settings.integer(READINESS_STATUS, 200),
                settings.duration(READINESS_TIMEOUT, Duration.ofSeconds(60)),
                settings.duration(READINESS_INTERVAL, Duration.ofSeconds(2)));
        String endpoint = session.context().endpoint().toString();
        // one wait per endpoint and run, however many classes share it
        Outcome outcome = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                List.of("readiness", endpoint, probe),
                key -> Outcome.of(() -> probe.await(endpoint, () -> session.newSpec(null).basePath(""), session.mask())),
                Outcome.class);
        outcome.rethrow();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RequestSpecification.class
                || type == StageContext.class
                || type == StageFunctions.class
                || (type == String.class && parameter.isAnnotated(StageOutput.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Parameter p = parameter.getParameter();
        if (p.getType() == StageFunctions.class) {
            return functions(context); // needs no API: a service without one is tested through its functions
        }
        StageSession session = session(context);
        if (p.getType() == RequestSpecification.class) {
            ExchangeLog log = context.getTestMethod().isEmpty() ? null
                    : context.getStore(NAMESPACE).getOrComputeIfAbsent(
                            List.of("exchanges", context.getUniqueId()), key -> new ExchangeLog(session.mask()), ExchangeLog.class);
            return session.newSpec(log);
        }
        if (p.getType() == StageContext.class) {
            return session.context();
        }
        String name = parameter.findAnnotation(StageOutput.class).orElseThrow().value();
        return session.context().output(name).orElseThrow(() -> new ParameterResolutionException(
                "No stack output '" + name + "' for parameter " + p.getName() + "; the stage's outputs (from "
                        + session.context().source() + ") are: "
                        + (session.context().outputs().isEmpty() ? "none" : String.join(", ", session.context().outputs().keySet()))
                        + ". Check the name against Outputs in template.yaml"));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ExchangeLog log = context.getStore(NAMESPACE).get(List.of("exchanges", context.getUniqueId()), ExchangeLog.class);
        if (log == null || log.isEmpty()) {
            return;
        }
        PrintStream out = runtime.log().get();
        out.print("[samstage] HTTP exchanges of failed test " + context.getDisplayName()
                + " in " + context.getRequiredTestClass().getName() + " (secrets masked):\n" + log.render());
        out.flush();
    }

    /**
     * Whether any method of the class (or its superclasses) takes what needs the stage's API: a
     * specification, the context or an output. Only then is a missing endpoint a failure of the class.
     */
    private static boolean usesTheApi(Class<?> testClass) {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Method method : c.getDeclaredMethods()) {
                for (Parameter p : method.getParameters()) {
                    if (p.getType() == RequestSpecification.class || p.getType() == StageContext.class
                            || p.isAnnotationPresent(StageOutput.class)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** One {@link StageFunctions} per run and stage, its clients closed at the end of the run. */
    private StageFunctions functions(ExtensionContext context) {
        StageSettings settings = settings(context);
        Store root = context.getRoot().getStore(NAMESPACE);
        Supplier<AwsCredentialsProvider> credentials = () -> root.getOrComputeIfAbsent(
                List.of("credentials", runtime), key -> runtime.credentials().get(), AwsCredentialsProvider.class);
        return root.getOrComputeIfAbsent(List.of("functions", runtime, fingerprint(settings)),
                key -> StageFunctions.open(new StageResolver(settings, credentials).functions(),
                        settings.find(AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_ENV), credentials, root),
                StageFunctions.class);
    }

    private StageSession session(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(
                List.of("session", testClass), key -> openSession(context, testClass), StageSession.class);
    }

    private StageSession openSession(ExtensionContext context, Class<?> testClass) {
        StageSettings settings = settings(context);
        Supplier<AwsCredentialsProvider> credentials = () -> context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                List.of("credentials", runtime), key -> runtime.credentials().get(), AwsCredentialsProvider.class);
        StageResolver resolver = new StageResolver(settings, credentials);
        Store root = context.getRoot().getStore(NAMESPACE);
        // the lookup (maybe a CloudFormation call) runs once per run; each class reports a miss once
        Resolution resolution = root.getOrComputeIfAbsent(List.of("stage", runtime, fingerprint(settings)),
                key -> Resolution.of(resolver), Resolution.class);
        StageContext stage = resolution.stage();
        String basePath = basePath(testClass).orElseGet(() -> settings.find(BASE_PATH, BASE_PATH_ENV).map(Setting::value).orElse(""));
        StageAuth auth = StageAuth.from(settings, stage, resolver.region(), credentials);
        return new StageSession(stage, basePath, auth, settings.duration(REQUEST_TIMEOUT, Duration.ofSeconds(30)));
    }

    private StageSettings settings(ExtensionContext context) {
        return new StageSettings(key -> context.getConfigurationParameter(key).orElse(null), runtime);
    }

    /** The values that decide where the stage is found: equal values, same stage. */
    private static List<String> fingerprint(StageSettings settings) {
        List<String> values = new ArrayList<>();
        for (String[] key : new String[][] {
                {ENDPOINT, ENDPOINT_ENV, API_URL_ENV}, {ENV, ENV_ENV}, {STACK_NAME, STACK_NAME_ENV},
                {REGION, REGION_ENV, DEFAULT_REGION_ENV}, {AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_ENV},
                {OUTPUTS_FILE}, {PROJECT_DIR}, {ENDPOINT_OUTPUT}, {LAMBDA_ENDPOINT, LAMBDA_ENDPOINT_ENV}}) {
            String[] variables = Arrays.copyOfRange(key, 1, key.length);
            values.add(settings.find(key[0], variables).map(Setting::value).orElse(""));
        }
        return values;
    }

    private static Optional<String> basePath(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<StageTest> annotation = AnnotationSupport.findAnnotation(c, StageTest.class);
            if (annotation.isPresent() && !annotation.get().basePath().isBlank()) {
                return Optional.of(annotation.get().basePath());
            }
        }
        return Optional.empty();
    }

    /** A stage lookup's result or its failure, kept so every class reports the same miss. */
    private record Resolution(StageContext found, StageConfigurationException failure) {
        static Resolution of(StageResolver resolver) {
            try {
                return new Resolution(resolver.resolve(), null);
            } catch (StageConfigurationException e) {
                return new Resolution(null, e);
            }
        }

        StageContext stage() {
            if (failure != null) {
                throw new StageConfigurationException(failure.getMessage());
            }
            return found;
        }
    }

    /** A readiness wait's result, kept so later classes neither poll again nor pass silently. */
    private record Outcome(StageConfigurationException failure) {
        static Outcome of(Runnable action) {
            try {
                action.run();
                return new Outcome(null);
            } catch (StageConfigurationException e) {
                return new Outcome(e);
            }
        }

        void rethrow() {
            if (failure != null) {
                throw new StageConfigurationException(failure.getMessage());
            }
        }
    }
}
