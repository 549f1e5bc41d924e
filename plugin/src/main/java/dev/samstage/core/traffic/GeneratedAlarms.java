package dev.samstage.core.traffic;

import dev.samstage.core.template.TemplateIntrinsic;
import dev.samstage.core.template.TemplateList;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateResource;
import dev.samstage.core.template.TemplateScalar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The alarms samstage generates when a stage switches them on, as
 * {@code AWS::CloudWatch::Alarm} resources: each fires on the first bad minute, and treats
 * missing data as fine (no traffic is no failure).
 *
 * <ul>
 *   <li>{@code <Function>NewVersionErrorsAlarm}: Lambda {@code Errors} of the alias's new
 *   version only, with dimensions {@code FunctionName}, {@code Resource=<function>:<alias>}
 *   and {@code ExecutedVersion} = the version SAM publishes in this deployment
 *   ({@code !Ref <Function>.Version}), so errors the old version still serves during the
 *   shift do not roll the new one back.</li>
 *   <li>{@code <Api>5xxAlarm}: API Gateway {@code 5XXError} of a REST API stage
 *   (dimensions {@code ApiName}, {@code Stage}).</li>
 * </ul>
 * Each alarm carries the {@code Condition} of the function it guards.
 */
final class GeneratedAlarms {

    /** Metadata marking a resource as generated, so applying a stage again replaces it. */
    static final String MARKER_KEY = "SamstageGenerated";

    private GeneratedAlarms() {
    }

    static String errorsAlarmId(String functionId) {
        return functionId + "NewVersionErrorsAlarm";
    }

    static String api5xxAlarmId(String apiId) {
        return apiId + "5xxAlarm";
    }

    /** Whether a resource with this logical id may be (re)written by us. */
    static boolean ours(TemplateResource existing) {
        return existing.node().getMap("Metadata").flatMap(m -> m.getString(MARKER_KEY)).filter("true"::equals).isPresent()
                || existing.node().getMap("Metadata").flatMap(m -> m.get(MARKER_KEY))
                .filter(n -> n instanceof TemplateScalar s && s.kind() == TemplateScalar.Kind.BOOLEAN && s.booleanValue()).isPresent();
    }

    static TemplateMap lambdaErrors(String functionId, TemplateNode alias, Optional<TemplateNode> condition) {
        TemplateList dimensions = TemplateList.of(
                dimension("FunctionName", TemplateIntrinsic.ref(functionId)),
                dimension("Resource", TemplateIntrinsic.of("Fn::Join", TemplateList.of(TemplateScalar.string(":"),
                        TemplateList.of(TemplateIntrinsic.ref(functionId), alias.copy())))),
                // a version ARN ends in ":<version>"; element 7 of arn:aws:lambda:region:account:function:name:version
                dimension("ExecutedVersion", TemplateIntrinsic.of("Fn::Select", TemplateList.of(TemplateScalar.number(7),
                        TemplateIntrinsic.of("Fn::Split", TemplateList.of(TemplateScalar.string(":"),
                                TemplateIntrinsic.ref(functionId + ".Version")))))));
        return alarm("Errors of the new version of " + functionId + " while CodeDeploy shifts traffic to it",
                "AWS/Lambda", "Errors", dimensions, condition);
    }

    static TemplateMap restApi5xx(String apiId, TemplateNode apiName, TemplateNode stage, Optional<TemplateNode> condition) {
        return alarm("5XX responses of API " + apiId + " while CodeDeploy shifts traffic", "AWS/ApiGateway", "5XXError",
                TemplateList.of(dimension("ApiName", apiName.copy()), dimension("Stage", stage.copy())), condition);
    }

    private static TemplateMap dimension(String name, TemplateNode value) {
        return TemplateMap.empty().with("Name", TemplateScalar.string(name)).with("Value", value);
    }

    private static TemplateMap alarm(String description, String namespace, String metric, TemplateList dimensions,
                                     Optional<TemplateNode> condition) {
        Map<String, TemplateNode> properties = new LinkedHashMap<>();
        properties.put("AlarmDescription", TemplateScalar.string(description));
        properties.put("Namespace", TemplateScalar.string(namespace));
        properties.put("MetricName", TemplateScalar.string(metric));
        properties.put("Dimensions", dimensions);
        properties.put("Statistic", TemplateScalar.string("Sum"));
        properties.put("Period", TemplateScalar.number(60));
        properties.put("EvaluationPeriods", TemplateScalar.number(1));
        properties.put("Threshold", TemplateScalar.number(0));
        properties.put("ComparisonOperator", TemplateScalar.string("GreaterThanThreshold"));
        properties.put("TreatMissingData", TemplateScalar.string("notBreaching"));
        TemplateMap props = TemplateMap.empty();
        properties.forEach(props::put);
        TemplateMap resource = TemplateMap.empty().with("Type", TemplateScalar.string("AWS::CloudWatch::Alarm"));
        condition.ifPresent(c -> resource.put("Condition", c.copy()));
        resource.put("Metadata", TemplateMap.empty().with(MARKER_KEY, TemplateScalar.bool(true)));
        resource.put("Properties", props);
        return resource;
    }
}
