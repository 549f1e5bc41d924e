package dev.samstage.core.pipeline;

import static dev.samstage.core.pipeline.Cfn.list;
import static dev.samstage.core.pipeline.Cfn.map;
import static dev.samstage.core.pipeline.Cfn.ref;
import static dev.samstage.core.pipeline.Cfn.resource;
import static dev.samstage.core.pipeline.Cfn.sub;

import dev.samstage.core.config.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pipeline stage of one environment, and the CodeBuild projects and report group it uses.
 *
 * <p>Every action deploys the packaged template the build action produced (no rebuild, no
 * repackage). Without approval: one {@code Deploy-<env>} action per region, all with run order 1
 * so that regions deploy in parallel. With approval (a stage that requires it, and production
 * by default): {@code CreateChangeSet-<env>} (run order 1), the manual approval
 * {@code Approve-<env>} notifying the approval topic with the change set summary (2), then
 * {@code Execute-<env>} (3), which executes exactly the change set that was approved.</p>
 */
final class EnvironmentStage {

    /** The approval action's name by convention; product releases find approvals by it. */
    static String approvalActionName(String stage) {
        return "Approve-" + stage;
    }

    private final PipelineSpec spec;
    private final Environment env;
    private final String id;

    EnvironmentStage(PipelineSpec spec, Environment env) {
        this.spec = spec;
        this.env = env;
        this.id = Cfn.logicalId(env.name());
    }

    String reportGroupId() {
        return id + "Reports";
    }

    /** Adds the stage's projects and report group to {@code resources}; returns the stage definition. */
    Map<String, Object> addTo(Map<String, Object> resources) {
        resources.put(reportGroupId(), resource("AWS::CodeBuild::ReportGroup", map(
                "Name", spec.projectName() + "-" + env.name() + "-tests",
                "Type", "TEST",
                "ExportConfig", map("ExportConfigType", "NO_EXPORT"))));
        boolean multiRegion = env.regions().size() > 1;
        List<String> extra = multiRegion ? List.of("-Dsamstage.region=$SAMSTAGE_REGION") : List.of();
        String reportRef = "${" + reportGroupId() + ".Arn}";
        String buildStage = spec.environments().get(0).name();
        List<Object> actions = new ArrayList<>();
        if (!needsApproval(env)) {
            String project = id + "DeployProject";
            resources.put(project, project("deploy", BuildSpecs.deploy(env.name(), buildStage, extra, reportRef),
                    "Deploys the build's artifact to " + env.name()));
            for (String region : env.regions()) {
                actions.add(build(actionName("Deploy", region, multiRegion), project, 1, variables(multiRegion, region, null)));
            }
            return map("Name", env.name(), "Actions", actions);
        }
        String create = id + "ChangeSetProject";
        String execute = id + "ExecuteProject";
        resources.put(create, project("change-set", BuildSpecs.createChangeSet(env.name(), buildStage, extra),
                "Creates the change set of " + env.name() + " for review"));
        resources.put(execute, project("execute", BuildSpecs.execute(env.name(), buildStage, extra, reportRef),
                "Executes the approved change set of " + env.name()));
        List<String> namespaces = new ArrayList<>();
        for (String region : env.regions()) {
            String namespace = Cfn.logicalId("ChangeSet", env.name(), multiRegion ? region : "");
            namespaces.add(namespace);
            Map<String, Object> action = build(actionName("CreateChangeSet", region, multiRegion), create, 1,
                    variables(multiRegion, region, null));
            action.put("Namespace", namespace);
            actions.add(action);
        }
        actions.add(map(
                "Name", approvalActionName(env.name()),
                "ActionTypeId", map("Category", "Approval", "Owner", "AWS", "Provider", "Manual", "Version", "1"),
                "Configuration", map(
                        "NotificationArn", ref("ApprovalTopic"),
                        "CustomData", approvalMessage(namespaces, multiRegion)),
                "RunOrder", 2));
        for (int i = 0; i < env.regions().size(); i++) {
            String region = env.regions().get(i);
            actions.add(build(actionName("Execute", region, multiRegion), execute, 3,
                    variables(multiRegion, region, "#{" + namespaces.get(i) + "." + BuildSpecs.CHANGE_SET_VARIABLE + "}")));
        }
        return map("Name", env.name(), "Actions", actions);
    }

    /**
     * The reviewer's message: each region's change set summary, and with one region its ARN too
     * (a manual approval's CustomData holds at most 500 characters once the variables are resolved).
     */
    private String approvalMessage(List<String> namespaces, boolean multiRegion) {
        List<String> parts = namespaces.stream().map(n -> "#{" + n + "." + BuildSpecs.SUMMARY_VARIABLE + "}"
                + (multiRegion ? "" : " (change set #{" + n + "." + BuildSpecs.CHANGE_SET_VARIABLE + "})")).toList();
        return "Review before executing. " + String.join(" | ", parts);
    }

    /**
     * Whether the stage stops for a person: when it requires approval, and for production by default
     * (change set, then approval, then execute).
     */
    static boolean needsApproval(Environment env) {
        return env.requiresApproval() || env.production();
    }

    private String actionName(String verb, String region, boolean multiRegion) {
        return verb + "-" + env.name() + (multiRegion ? "-" + region : "");
    }

    private static String variables(boolean multiRegion, String region, String changeSet) {
        List<String> vars = new ArrayList<>();
        if (multiRegion) {
            vars.add("{\"name\":\"SAMSTAGE_REGION\",\"value\":\"" + region + "\",\"type\":\"PLAINTEXT\"}");
        }
        if (changeSet != null) {
            vars.add("{\"name\":\"" + BuildSpecs.CHANGE_SET_VARIABLE + "\",\"value\":\"" + changeSet + "\",\"type\":\"PLAINTEXT\"}");
        }
        return vars.isEmpty() ? null : "[" + String.join(",", vars) + "]";
    }

    private static Map<String, Object> build(String name, String project, int runOrder, String variables) {
        return map(
                "Name", name,
                "ActionTypeId", map("Category", "Build", "Owner", "AWS", "Provider", "CodeBuild", "Version", "1"),
                "Configuration", map("ProjectName", ref(project), "EnvironmentVariables", variables),
                "InputArtifacts", list(map("Name", PipelineTemplate.BUILD_OUTPUT)),
                "RunOrder", runOrder);
    }

    private Map<String, Object> project(String kind, String buildSpec, String description) {
        return PipelineTemplate.codeBuildProject(spec, env.name() + "-" + kind, description, sub(buildSpec));
    }


}
