package dev.samstage.testkit.launch;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

/**
 * The entry point of the JVM that runs a service's suite against a stage, forked by the
 * plugin the way Surefire forks its tests, so the service's JUnit and Rest Assured versions
 * never meet the plugin's.
 *
 * <p>Usage: {@code SuiteLauncher --classes <test classes dir> --tag <tag> --reports <dir>
 * --summary <file>}. It discovers the tests under the classes directory that carry the tag,
 * runs them, writes JUnit XML (the legacy format CI systems read) into the reports
 * directory and a JSON summary (see {@link SummaryFile}) for the plugin. It prints one line
 * per finished test. Exit code: 0 when tests ran and none failed, 1 when some failed, 2 when
 * none carried the tag, 3 on bad arguments.
 */
public final class SuiteLauncher {

    private SuiteLauncher() {
    }

    public static void main(String[] args) throws IOException {
        LaunchArguments arguments;
        try {
            arguments = LaunchArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(3);
            return;
        }
        System.exit(run(arguments));
    }

    /** Runs the suite and returns the exit code {@link #main} would use. */
    static int run(LaunchArguments arguments) throws IOException {
        Files.createDirectories(arguments.reports());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClasspathRoots(Set.of(arguments.classes())))
            .filters(TagFilter.includeTags(arguments.tag()))
            .build();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        FailureCollector failures = new FailureCollector();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, summary, failures, new ConsoleProgress(out),
            new LegacyXmlReportGeneratingListener(arguments.reports(), out));
        SummaryFile.write(arguments.summary(), summary.getSummary(), failures.failures());
        if (summary.getSummary().getTestsFoundCount() == 0) {
            return 2;
        }
        return summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1;
    }

    /** The launcher's command line. */
    record LaunchArguments(Path classes, String tag, Path reports, Path summary) {

        static LaunchArguments parse(String[] args) {
            Path classes = null;
            String tag = null;
            Path reports = null;
            Path summary = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("SuiteLauncher: " + name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--classes" -> classes = Path.of(value);
                    case "--tag" -> tag = value;
                    case "--reports" -> reports = Path.of(value);
                    case "--summary" -> summary = Path.of(value);
                    default -> throw new IllegalArgumentException("SuiteLauncher: unknown argument " + name
                        + "; expected --classes, --tag, --reports, --summary");
                }
            }
            if (classes == null || tag == null || reports == null || summary == null) {
                throw new IllegalArgumentException(
                    "SuiteLauncher: usage: --classes <dir> --tag <tag> --reports <dir> --summary <file>");
            }
            return new LaunchArguments(classes, tag, reports, summary);
        }
    }
}
