package dev.samstage.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.events.StageEvent;
import dev.samstage.testing.aws.LocalAws;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class StageAccessTest {

    private static final String DEV_ROLE = "arn:aws:iam::111111111111:role/orders-us-east-1-DeploymentRole";

    private AwsClientFactory base;
    private final List<StageEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        LocalAws.get().reset();
        base = AwsClientFactory.create("us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)),
                LocalAws.get().endpoint());
    }

    @AfterEach
    void stop() {
        base.close();
    }

    @Test
    void assumesTheStageRoleAndActsInItsAccount() {
        try (StageAccess access = StageAccess.open(base, "eu-west-1", Optional.of(DEV_ROLE), null, "111111111111",
                "samstage-ci-orders", events::add);
             var s3 = access.clients().s3()) {
            assertThat(access.accountId()).isEqualTo("111111111111");
            assertThat(access.roleArn()).contains(DEV_ROLE);
            assertThat(access.clients().region().id()).isEqualTo("eu-west-1");
            assertThat(s3.listBuckets().buckets()).isEmpty();
        }
        assertThat(events).extracting(StageEvent::message)
                .containsExactly("Assumed " + DEV_ROLE + " as session samstage-ci-orders.");
    }

    @Test
    void refusesARoleThatActsInAnotherAccount() {
        String other = "arn:aws:iam::333333333333:role/deployer";
        assertThatThrownBy(() -> StageAccess.open(base, "us-east-1", Optional.of(other), null, "111111111111", "s1", events::add))
                .isInstanceOf(CredentialsException.class)
                .hasMessage("Role " + other + " acts in account 333333333333 but the stage deploys to account 111111111111; "
                        + "nothing was changed. Fix the stage's <accountId> or <roleArn>.");
    }

    @Test
    void refusesBaseCredentialsInTheWrongAccountWhenNoRoleIsConfigured() {
        assertThatThrownBy(() -> StageAccess.open(base, "us-east-1", Optional.empty(), null, "111111111111", "s1", events::add))
                .hasMessage("The build's credentials act in account 123456789012 but the stage deploys to account "
                        + "111111111111; nothing was changed. Fix the stage's <accountId> or <roleArn>.");
    }

    @Test
    void reportsARoleThatCannotBeAssumedInOneLine() {
        LocalRoles.create("111111111111", "SomeOtherRole", null);
        assertThatThrownBy(() -> StageAccess.open(base, "us-east-1", Optional.of(DEV_ROLE), null, "111111111111", "s1", events::add))
                .isInstanceOf(CredentialsException.class)
                .hasMessageStartingWith("Cannot assume role " + DEV_ROLE + ": User: ")
                .hasMessageContaining("is not authorized to perform: sts:AssumeRole on resource: " + DEV_ROLE)
                .hasMessageEndingWith("; check that the role exists in its account, trusts the build's credentials, "
                        + "and that the external id (if the role needs one) is set.")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", LocalAws.SECRET_KEY));
    }

    @Test
    void passesTheExternalIdTheRoleTrustPolicyRequires() {
        LocalRoles.create("111111111111", "orders-us-east-1-DeploymentRole", "ext-42");
        assertThatThrownBy(() -> StageAccess.open(base, "us-east-1", Optional.of(DEV_ROLE), "wrong", "111111111111", "s1", events::add))
                .hasMessageStartingWith("Cannot assume role " + DEV_ROLE);
        try (StageAccess access = StageAccess.open(base, "us-east-1", Optional.of(DEV_ROLE), "ext-42", "111111111111", "s1", events::add)) {
            assertThat(access.accountId()).isEqualTo("111111111111");
        }
    }

    @ParameterizedTest(name = "[{0}] -> {2}")
    @CsvSource(delimiter = '|', value = {
            "orders-build:7d3c1f0e-9b1a-4c1e-8f7e-2a9d8c1b0e4f | alice | orders-build-7d3c1f0e-9b1a-4c1e-8f7e-2a9d8c1b0e4f",
            "''                                             | alice | samstage-alice-orders",
            "a-very-long-project-name-that-goes-on-and-on:0123456789abcdef0123456789 | x | a-very-long-project-name-that-goes-on-and-on-0123456789abcdef012",
            "build id/with spaces                           | x     | build-id-with-spaces"})
    void derivesTheSessionNameFromTheCodeBuildBuildId(String buildId, String user, String expected) {
        assertThat(RoleSessionName.of(Map.of("CODEBUILD_BUILD_ID", buildId), user, "orders"))
                .isEqualTo(expected)
                .hasSizeLessThanOrEqualTo(64)
                .matches("[\\w+=,.@-]{2,64}");
    }

    @Test
    void sanitisesTheUserNameOutsideCodeBuild() {
        assertThat(RoleSessionName.of(Map.of(), "DOMAIN\\jane doe", "orders")).isEqualTo("samstage-DOMAIN-jane-doe-orders");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            arn:aws:iam::111111111111:role/orders-eu-west-1-DeploymentRole | 111111111111
            arn:aws-us-gov:iam::222222222222:role/path/to/Deployer        | 222222222222
            arn:aws:iam::111111111111:user/someone                         | none
            not-an-arn                                                     | none
            """)
    void anAssumedRoleActsInTheAccountItsArnNamesSoNoGetCallerIdentityIsNeeded(String arn, String account) {
        assertThat(StageAccess.accountOf(arn)).isEqualTo(java.util.Optional.ofNullable(account));
    }
}
