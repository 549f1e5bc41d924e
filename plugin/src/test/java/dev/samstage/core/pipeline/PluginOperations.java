package dev.samstage.core.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every AWS call made with a generated role, and the IAM action and resource it is authorised
 * against, for project {@code orders} deploying stack {@code orders-prod} into account
 * 333333333333, eu-west-1, from build account 999999999999 (artifact bucket
 * {@code orders-artifacts}). Three kinds of rows:
 * <ul>
 *   <li>SDK operations samstage makes (named as the SDK names them, {@code Service.Operation});
 *       the IAM-enforced test records the operations of a real run and checks each is listed here;</li>
 *   <li>calls S3 makes to KMS for the caller ({@code S3->KMS}), which no emulator checks;</li>
 *   <li>calls CloudFormation makes with the caller's credentials while it creates, updates and
 *       deletes a SAM service's resources ({@code CloudFormation->...}), from the resource
 *       providers' handler permissions (https://github.com/aws-cloudformation, the
 *       {@code handlers.*.permissions} of each resource schema) and the CodeDeploy, Lambda and
 *       S3 entries of the Service Authorization Reference
 *       (https://docs.aws.amazon.com/service-authorization/latest/reference/).</li>
 * </ul>
 */
final class PluginOperations {

    enum Role { BUILD, DEPLOYMENT }

    /**
     * @param role      which generated role makes the call
     * @param operation the SDK operation, or who calls on the role's behalf
     * @param action    the IAM action authorised
     * @param resource  the resource ARN it is authorised against
     */
    record Row(Role role, String operation, String action, String resource) {
        @Override
        public String toString() {
            return role + " " + operation + " -> " + action + " on " + resource;
        }
    }

    /** Calls IAM never refuses (AWS: "No permissions are required to perform this operation"). */
    static final Set<String> UNAUTHORISED_OPERATIONS = Set.of("Sts.GetCallerIdentity");

    static final String STACK = "arn:aws:cloudformation:eu-west-1:333333333333:stack/orders-prod/5e0a1b2c";
    static final String APP = "arn:aws:codedeploy:eu-west-1:333333333333:application:orders-prod-ServerlessDeploymentApplication-1AB";
    static final String GROUP = "arn:aws:codedeploy:eu-west-1:333333333333:deploymentgroup:"
            + "orders-prod-ServerlessDeploymentApplication-1AB/orders-prod-OrdersFunctionDeploymentGroup-2CD";
    static final String CONFIG = "arn:aws:codedeploy:eu-west-1:333333333333:deploymentconfig:"
            + "CodeDeployDefault.LambdaLinear10PercentEvery1Minute";
    static final String FUNCTION = "arn:aws:lambda:eu-west-1:333333333333:function:orders-prod-OrdersFunction-3EF";
    static final String FUNCTION_ROLE = "arn:aws:iam::333333333333:role/orders-prod-OrdersFunctionRole-4GH";
    static final String BUCKET = "arn:aws:s3:::orders-artifacts";
    static final String OBJECT = BUCKET + "/orders/5d41402abc4b2a76b9719d911017c592.zip";
    static final String KEY = "arn:aws:kms:eu-west-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String DEPLOYMENT_ROLE = "arn:aws:iam::333333333333:role/orders-eu-west-1-DeploymentRole";
    static final String LEDGER = "arn:aws:dynamodb:eu-west-1:333333333333:table/orders-releases";

    /** The rows of {@code plugin-operations.csv}, a table beside this class. */
    static final List<Row> ROWS = read("plugin-operations.csv");

    private PluginOperations() {
    }

    /** The SDK operations listed for {@code role} ({@code Service.Operation}). */
    static Set<String> sdkOperations(Role role) {
        return ROWS.stream().filter(r -> r.role() == role && !r.operation().contains("->")).map(Row::operation)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static List<Row> read(String table) {
        Map<String, String> constants = Map.ofEntries(Map.entry("STACK", STACK), Map.entry("APP", APP),
                Map.entry("GROUP", GROUP), Map.entry("CONFIG", CONFIG), Map.entry("FUNCTION", FUNCTION),
                Map.entry("FUNCTION_ROLE", FUNCTION_ROLE), Map.entry("BUCKET", BUCKET), Map.entry("OBJECT", OBJECT),
                Map.entry("KEY", KEY), Map.entry("DEPLOYMENT_ROLE", DEPLOYMENT_ROLE), Map.entry("LEDGER", LEDGER));
        try (InputStream in = PluginOperations.class.getResourceAsStream(table)) {
            if (in == null) {
                throw new IllegalStateException(table + " is missing beside " + PluginOperations.class.getName());
            }
            List<Row> rows = new ArrayList<>();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (int number = 1; number <= lines.size(); number++) {
                String line = lines.get(number - 1).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\\s*\\|\\s*");
                if (cells.length != 4) {
                    throw new IllegalStateException(table + ":" + number + ": want role | operation | action | resource");
                }
                String resource = cells[3];
                for (Map.Entry<String, String> constant : constants.entrySet()) {
                    resource = resource.replace("{" + constant.getKey() + "}", constant.getValue());
                }
                if (resource.contains("{")) {
                    throw new IllegalStateException(table + ":" + number + ": unknown {NAME} in " + cells[3]);
                }
                rows.add(new Row(Role.valueOf(cells[0]), cells[1], cells[2], resource));
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
