package dev.samstage.testkit.hooks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the tests of some packages with one JUnit tag in this JVM (JUnit Platform Launcher),
 * with the endpoint passed as the {@code samstage.endpoint} configuration parameter (or the
 * stack to read it from as {@code samstage.stackName}). The
 * engines (for example junit-jupiter-engine) must be on the class path.
 */
final class SuiteRunner {

    private SuiteRunner() {
    }

    static SuiteResult run(HookSettings settings) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                // every class in the packages, whatever its name: a hook suite need not follow *Test naming
                .filters(TagFilter.includeTags(settings.suiteTag()), ClassNameFilter.includeClassNamePatterns(".*"))
                .configurationParameter(HookSettings.ENDPOINT_PARAMETER, settings.endpoint());
        if (!settings.stackName().isEmpty()) {
            request.configurationParameter(HookSettings.STACK_NAME_PARAMETER, settings.stackName());
        }
        settings.packages().forEach(p -> request.selectors(selectPackage(p)));
        LauncherDiscoveryRequest discovery = request.build();

        Counter counter = new Counter();
        LauncherFactory.create().execute(discovery, counter);
        return new SuiteResult(counter.found, counter.succeeded, counter.failures);
    }

    /** Counts test leaves and keeps one line per failure. */
    private static final class Counter implements TestExecutionListener {
        private long found;
        private long succeeded;
        private final List<String> failures = new ArrayList<>();

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
                found++;
            }
            switch (result.getStatus()) {
                case SUCCESSFUL -> {
                    if (test.isTest()) {
                        succeeded++;
                    }
                }
                // a failing container (a @BeforeAll, a missing endpoint) fails the suite too
                case FAILED, ABORTED -> failures.add(name(test) + ": " + result.getThrowable()
                        .map(t -> t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).strip())
                        .orElse(result.getStatus().toString()));
            }
        }

        private static String name(TestIdentifier test) {
            return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .map(m -> m.getJavaClass().getSimpleName() + "." + m.getMethodName()
                            + (test.getDisplayName().startsWith(m.getMethodName() + "(") ? "" : " " + test.getDisplayName()))
                    .orElse(test.getDisplayName());
        }
    }
}
