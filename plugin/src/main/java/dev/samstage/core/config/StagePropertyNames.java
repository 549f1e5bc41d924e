package dev.samstage.core.config;

import dev.samstage.testkit.StageProperties;
import java.util.List;

/**
 * The names of the {@code -D} user properties that override a stage's configuration. Every
 * property name lives here so that messages, the Maven adapter and the docs agree.
 */
public final class StagePropertyNames {

    public static final String ACCOUNT_ID = "samstage.accountId";
    /** One region, or several separated by commas; the suite reads the same key (its first region). */
    public static final String REGION = StageProperties.REGION;
    public static final String ROLE_ARN = "samstage.roleArn";
    public static final String EXTERNAL_ID = "samstage.externalId";
    /** Also the key the suite finds the stage's stack by. */
    public static final String STACK_NAME = StageProperties.STACK_NAME;
    public static final String BUCKET = "samstage.bucket";
    public static final String PREFIX = "samstage.prefix";
    public static final String KMS_KEY_ID = "samstage.kmsKeyId";
    /** {@code Key=Value Key2="a value"}, merged over the configured overrides. */
    public static final String PARAMETER_OVERRIDES = "samstage.parameterOverrides";
    public static final String TEMPLATE_CONFIGURATION = "samstage.templateConfiguration";
    /** {@code key=value key2=value2}, merged over the configured tags. */
    public static final String TAGS = "samstage.tags";
    /** Space- or comma-separated capabilities granted on top of those the template needs. */
    public static final String CAPABILITIES = "samstage.capabilities";
    public static final String CLOUDFORMATION_ROLE_ARN = "samstage.cloudFormationRoleArn";
    public static final String SUITE = "samstage.suite";
    public static final String REQUIRES_APPROVAL = "samstage.requiresApproval";
    public static final String PRODUCTION = "samstage.production";
    public static final String DEPLOYMENT_PREFERENCE = "samstage.deploymentPreference";
    /** The id of a reviewed change set to execute. */
    public static final String CHANGE_SET = "samstage.changeSet";
    public static final String FAIL_ON_EMPTY_CHANGE_SET = "samstage.failOnEmptyChangeSet";
    /** How often CodeDeploy is read while traffic shifts. */
    public static final String TRAFFIC_POLL_INTERVAL = "samstage.trafficPollInterval";
    /**
     * Where a stage's suite invokes functions through Lambda's Invoke API: the local stage's own
     * address, handed to the suite JVM (the test kit reads it); unset for a deployed stage.
     */
    public static final String LAMBDA_ENDPOINT = StageProperties.LAMBDA_ENDPOINT;

    /** Every stage override the resolver reads. */
    public static final List<String> STAGE_OVERRIDES = List.of(ACCOUNT_ID, REGION, ROLE_ARN, EXTERNAL_ID, STACK_NAME,
            BUCKET, PREFIX, KMS_KEY_ID, PARAMETER_OVERRIDES, TEMPLATE_CONFIGURATION, TAGS, CAPABILITIES,
            CLOUDFORMATION_ROLE_ARN, SUITE, REQUIRES_APPROVAL, PRODUCTION, DEPLOYMENT_PREFERENCE);

    private StagePropertyNames() {
    }
}
