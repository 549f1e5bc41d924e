package dev.samstage.core.pipeline;

import java.util.List;

/**
 * CodeBuild build specs for the pipeline's actions. Each runs one Maven command; the Maven
 * repository is cached between builds. Shell variables are written {@code $NAME} (no braces)
 * because the specs pass through {@code Fn::Sub}, which owns {@code ${...}}.
 */
final class BuildSpecs {

    /** The variable the change set action exports and the execute action reads. */
    static final String CHANGE_SET_VARIABLE = "SAMSTAGE_CHANGE_SET";
    /** The file the change set step leaves behind, holding the created change set's id. */
    static final String CHANGE_SET_ID_FILE = "change-set-id";

    private BuildSpecs() {
    }

    /** Build, unit-test and package: the output is the whole workspace, reused by every stage. */
    static String packaging(String firstStage, String reportGroupRef) {
        return header()
                + "      - mvn -B package-stage -Denv=" + firstStage + "\n"
                + reports(reportGroupRef, "target/surefire-reports", "TEST-*.xml")
                + "artifacts:\n"
                + "  files:\n"
                + "    - '**/*'\n"
                + cache();
    }

    /** Deploy one stage (or, for a stage that needs approval, create its change set). */
    static String deploy(String stage, List<String> extraProperties, String reportGroupRef, boolean exportsChangeSet) {
        StringBuilder sb = new StringBuilder();
        if (exportsChangeSet) {
            sb.append("version: 0.2\n")
                    .append("env:\n")
                    .append("  exported-variables:\n")
                    .append("    - ").append(CHANGE_SET_VARIABLE).append('\n');
            sb.append(phases());
        } else {
            sb.append(header());
        }
        sb.append("      - mvn -B deploy-stage -Denv=").append(stage);
        for (String p : extraProperties) {
            sb.append(' ').append(p);
        }
        sb.append('\n');
        if (exportsChangeSet) {
            sb.append("      - export ").append(CHANGE_SET_VARIABLE).append("=\"$(cat target/samstage/")
                    .append(stage).append('/').append(CHANGE_SET_ID_FILE).append(")\"\n");
        }
        sb.append(reports(reportGroupRef, "target/samstage/" + stage, "**/*.xml"));
        sb.append(cache());
        return sb.toString();
    }

    private static String header() {
        return "version: 0.2\n" + phases();
    }

    private static String phases() {
        return "phases:\n"
                + "  install:\n"
                + "    runtime-versions:\n"
                + "      java: corretto21\n"
                + "  build:\n"
                + "    commands:\n";
    }

    private static String reports(String reportGroupRef, String baseDirectory, String pattern) {
        return "reports:\n"
                + "  " + reportGroupRef + ":\n"
                + "    file-format: JUNITXML\n"
                + "    base-directory: " + baseDirectory + "\n"
                + "    files:\n"
                + "      - '" + pattern + "'\n";
    }

    private static String cache() {
        return "cache:\n"
                + "  paths:\n"
                + "    - '/root/.m2/**/*'\n";
    }
}
