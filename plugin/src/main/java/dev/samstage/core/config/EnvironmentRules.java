package dev.samstage.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a merged stage before anything touches AWS and lists every problem at once, each
 * naming where the value was written (pom element, samconfig.toml key or {@code -D}
 * property), the value, and what is expected.
 */
final class EnvironmentRules {

    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");
    static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private EnvironmentRules() {
    }

    static List<String> problems(EnvironmentMerge.Merged merged, Path baseDirectory) {
        Environment e = merged.environment();
        List<String> problems = new ArrayList<>();
        String account = e.accountId();
        if (present(account) && !ACCOUNT_ID.matcher(account).matches()) {
            problems.add(merged.origin("accountId") + " = '" + account + "' is not an AWS account id (12 digits).");
        }
        if (e.regions().isEmpty()) {
            problems.add("stage '" + e.name() + "' has no region: set <regions> in its <environment>, region in "
                    + "samconfig.toml, -D" + StagePropertyNames.REGION + "=<region>, or AWS_REGION.");
        }
        for (String region : e.regions()) {
            if (!REGION.matcher(region).matches()) {
                problems.add(merged.origin("regions") + " = '" + region + "' is not an AWS region name (such as eu-west-1).");
            }
        }
        if (present(e.roleArn())) {
            Matcher role = ROLE_ARN.matcher(e.roleArn());
            if (!role.matches()) {
                problems.add(merged.origin("roleArn") + " = '" + e.roleArn()
                        + "' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>).");
            } else if (present(account) && ACCOUNT_ID.matcher(account).matches() && !role.group(1).equals(account)) {
                problems.add(merged.origin("roleArn") + " = '" + e.roleArn() + "' is a role in account " + role.group(1)
                        + " but the stage deploys to account " + account + " (" + merged.origin("accountId")
                        + "); name a role in " + account + ".");
            }
        }
        if (present(e.externalId())) {
            if (!present(e.roleArn()) && !present(account)) {
                problems.add(merged.origin("externalId") + " is set but stage '" + e.name()
                        + "' has no role to assume: set <roleArn> or <accountId> (for the conventional role).");
            }
            if (!EXTERNAL_ID.matcher(e.externalId()).matches()) {
                problems.add(merged.origin("externalId") + " is not a valid external id (2 to 1224 characters of letters, "
                        + "digits and +=,.@:/-).");
            }
        }
        if (present(e.cloudFormationRoleArn()) && !ROLE_ARN.matcher(e.cloudFormationRoleArn()).matches()) {
            problems.add(merged.origin("cloudFormationRoleArn") + " = '" + e.cloudFormationRoleArn()
                    + "' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>).");
        }
        if (present(e.bucket()) && !validBucket(e.bucket())) {
            problems.add(merged.origin("bucket") + " = '" + e.bucket() + "' is not a valid S3 bucket name "
                    + "(3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit).");
        }
        for (Map.Entry<String, String> rb : e.regionBuckets().entrySet()) {
            if (!validBucket(rb.getValue())) {
                problems.add(merged.origin("regionBuckets") + " for " + rb.getKey() + " = '" + rb.getValue()
                        + "' is not a valid S3 bucket name (3-63 lowercase letters, digits, dots and hyphens).");
            }
            if (!e.regions().contains(rb.getKey())) {
                problems.add(merged.origin("regionBuckets") + " names region '" + rb.getKey()
                        + "', which is not one of the stage's regions " + e.regions() + ".");
            }
        }
        if (present(e.stackName()) && !STACK_NAME.matcher(e.stackName()).matches()) {
            problems.add(merged.origin("stackName") + " = '" + e.stackName() + "' is not a CloudFormation stack name "
                    + "(a letter, then up to 127 letters, digits and hyphens).");
        }
        if (e.production() && !present(account)) {
            problems.add("production stage '" + e.name() + "' has no <accountId>: a production deployment must check "
                    + "the account it lands in; set <accountId> or -D" + StagePropertyNames.ACCOUNT_ID + ".");
        }
        Path config = e.templateConfiguration();
        if (config != null && !Files.isRegularFile(baseDirectory.resolve(config))) {
            problems.add(merged.origin("templateConfiguration") + " = '" + config + "' does not exist"
                    + (config.isAbsolute() ? "" : " (under " + baseDirectory + ")") + "; fix the path or remove the setting.");
        }
        return problems;
    }

    static boolean validBucket(String name) {
        return BUCKET.matcher(name).matches() && !name.contains("..") && !IP_ADDRESS.matcher(name).matches();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
