package dev.samstage.maven;

import dev.samstage.core.pipeline.DeploymentRoleExtension;
import java.util.ArrayList;
import java.util.List;

/**
 * The pom's {@code <deploymentRole>}: what the generated deployment role gets beyond the
 * defaults, for resource types of the service the defaults do not cover.
 *
 * <pre>{@code
 * <deploymentRole>
 *   <managedPolicyArns>
 *     <managedPolicyArn>arn:aws:iam::111111111111:policy/orders-state-machines</managedPolicyArn>
 *   </managedPolicyArns>
 *   <statements>
 *     <statement>{"Effect":"Allow","Action":["states:CreateStateMachine"],"Resource":"arn:aws:states:*:*:stateMachine:orders-*"}</statement>
 *   </statements>
 * </deploymentRole>
 * }</pre>
 */
public class DeploymentRole {

    /** Managed policies attached to the role. */
    private List<String> managedPolicyArns = new ArrayList<>();

    /** IAM policy statements, one JSON object each, added to the role's policy. */
    private List<String> statements = new ArrayList<>();

    DeploymentRoleExtension toCore() {
        return DeploymentRoleExtension.parse(managedPolicyArns, statements);
    }
}
