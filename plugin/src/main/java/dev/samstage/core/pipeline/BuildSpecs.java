package dev.samstage.core.pipeline;

import java.util.List;

/**
 * CodeBuild build specs for the pipeline's actions. The build action builds, unit-tests and
 * packages once; every stage action deploys that packaged template from the build's output
 * ({@code -Dsamstage.packagedTemplate}) and compiles nothing but the suite it runs. Shell
 * variables are written {@code $NAME} (no braces) because the specs pass through
 * {@code Fn::Sub}, which owns {@code ${...}}; commands avoid {@code ": "} and {@code " #"},
 * which would end a YAML plain scalar.
 */
final class BuildSpecs {

    /** The variable the change set action exports and the execute action reads. */
    static final String CHANGE_SET_VARIABLE = "SAMSTAGE_CHANGE_SET";
    /** The one-line change set summary the change set action exports for the approval's message. */
    static final String SUMMARY_VARIABLE = "SAMSTAGE_CHANGE_SET_SUMMARY";
    /** The file the change set step leaves behind, holding the created change set's id. */
    static final String CHANGE_SET_ID_FILE = "change-set-id";
    static final String SUMMARY_FILE = "change-set-summary.txt";

    private BuildSpecs() {
    }

    /** Where the build action leaves the packaged template and manifest that every stage deploys. */
    static String packagedDirectory(String buildStage) {
        return "target/samstage/" + buildStage;
    }

    /**
     * Build, unit-test and package for {@code buildStage}. The output is the whole workspace: the
     * packaged template and manifest the stages deploy, and the compiled suites they run.
     */
    static String packaging(String buildStage, String reportGroupRef) {
        return header()
                + "      - mvn -B package-stage -Denv=" + buildStage + "\n"
                + reports(reportGroupRef, "target/surefire-reports", "TEST-*.xml")
                + "artifacts:\n"
                + "  files:\n"
                + "    - '**/*'\n"
                + cache();
    }

    /** Deploy the build's packaged template to one stage and run the stage's suite. */
    static String deploy(String stage, String buildStage, List<String> extraProperties, String reportGroupRef) {
        return header()
                + "      - " + mvn("samstage:deploy samstage:verify", stage, buildStage, extraProperties) + "\n"
                + reports(reportGroupRef, "target/samstage/" + stage, "**/*.xml")
                + cache();
    }

    /**
     * Create the stage's change set for review and export its id and summary. Fails when the
     * deploy left no change set id: an empty id would make the execute action create (and stop
     * at) a new change set instead of executing the reviewed one.
     */
    static String createChangeSet(String stage, String buildStage, List<String> extraProperties) {
        String dir = "target/samstage/" + stage + "/";
        return "version: 0.2\n"
                + "env:\n"
                + "  exported-variables:\n"
                + "    - " + CHANGE_SET_VARIABLE + "\n"
                + "    - " + SUMMARY_VARIABLE + "\n"
                + phases()
                + "      - " + mvn("samstage:deploy", stage, buildStage, extraProperties) + " -Dsamstage.requiresApproval=true\n"
                + "      - test -s " + dir + CHANGE_SET_ID_FILE + " || { echo \"The deploy of " + stage + " left no "
                + dir + CHANGE_SET_ID_FILE + ", so there is no change set to approve (see the deploy output above).\"; exit 1; }\n"
                + "      - export " + CHANGE_SET_VARIABLE + "=\"$(cat " + dir + CHANGE_SET_ID_FILE + ")\"\n"
                + "      - export " + SUMMARY_VARIABLE + "=\"$(cat " + dir + SUMMARY_FILE + ")\"\n"
                + cache();
    }

    /** Execute exactly the approved change set, then run the stage's suite; fails without a change set id. */
    static String execute(String stage, String buildStage, List<String> extraProperties, String reportGroupRef) {
        return header()
                + "      - test -n \"$" + CHANGE_SET_VARIABLE + "\" || { echo \"No approved change set id in the variable "
                + CHANGE_SET_VARIABLE + " for " + stage + "; nothing was executed.\"; exit 1; }\n"
                + "      - " + mvn("samstage:deploy samstage:verify", stage, buildStage, extraProperties)
                + " -Dsamstage.changeSet=\"$" + CHANGE_SET_VARIABLE + "\"\n"
                + reports(reportGroupRef, "target/samstage/" + stage, "**/*.xml")
                + cache();
    }

    private static String mvn(String goals, String stage, String buildStage, List<String> extraProperties) {
        StringBuilder sb = new StringBuilder("mvn -B ").append(goals).append(" -Denv=").append(stage)
                .append(" -Dsamstage.packagedTemplate=").append(packagedDirectory(buildStage));
        for (String p : extraProperties) {
            sb.append(' ').append(p);
        }
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
