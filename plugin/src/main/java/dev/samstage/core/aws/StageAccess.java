package dev.samstage.core.aws;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Credentials acting in one stage account and region: the stage role assumed from the base
 * credentials (default chain, CodeBuild role, profile), refreshed by the SDK before they
 * expire so that deployments longer than a session keep working, and checked against the
 * expected account before anything else is called. An assumed role acts in the account its
 * ARN names, so that account is checked from the ARN before the role is assumed; only the base
 * credentials (no role) need {@code GetCallerIdentity}. That keeps a deploy with nothing to do
 * at two calls: AssumeRole and DescribeStacks.
 * Close it to stop the refresh and release the clients.
 */
public final class StageAccess implements AutoCloseable {

    /** Session length asked for; the provider renews ahead of expiry, so this is not a limit. */
    static final Duration SESSION = Duration.ofHours(1);

    private static final java.util.regex.Pattern ROLE_ARN =
            java.util.regex.Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/.+");

    private final AwsClientFactory clients;
    private final String accountId;
    private final Optional<String> roleArn;
    private final AutoCloseable[] owned;

    private StageAccess(AwsClientFactory clients, String accountId, Optional<String> roleArn, AutoCloseable... owned) {
        this.clients = clients;
        this.accountId = accountId;
        this.roleArn = roleArn;
        this.owned = owned;
    }

    /**
     * Assumes {@code roleArn} (when present) in {@code region} and checks the account.
     *
     * @param base            factory with the base credentials and endpoint
     * @param roleArn         role to assume; empty to act with the base credentials
     * @param externalId      external id the role's trust policy asks for, or null
     * @param expectedAccount the account the stage must land in, or null to accept any
     * @param sessionName     see {@link RoleSessionName}
     * @throws CredentialsException when the role cannot be assumed or the account differs
     */
    public static StageAccess open(AwsClientFactory base, String region, Optional<String> roleArn, String externalId,
                                   String expectedAccount, String sessionName, StageListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (roleArn.isEmpty()) {
            AwsClientFactory clients = base.with(region, base.credentials());
            String account = check(clients, null, expectedAccount);
            return new StageAccess(clients, account, Optional.empty(), clients);
        }
        String role = roleArn.get();
        Optional<String> roleAccount = accountOf(role);
        roleAccount.ifPresent(account -> expect(account, role, expectedAccount));
        AwsClientFactory stsFactory = base.with(region, base.credentials());
        StsClient sts = stsFactory.sts();
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn(role)
                .roleSessionName(sessionName)
                .durationSeconds((int) SESSION.toSeconds());
        if (externalId != null && !externalId.isBlank()) {
            request.externalId(externalId);
        }
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request.build())
                .asyncCredentialUpdateEnabled(true)
                .build();
        AwsClientFactory clients = null;
        try {
            assume(provider, role);
            listener.on(StageEvent.info("Assumed " + role + " as session " + sessionName + "."));
            clients = base.with(region, provider);
            String account = roleAccount.isPresent() ? roleAccount.get() : check(clients, role, expectedAccount);
            return new StageAccess(clients, account, Optional.of(role), clients, provider, sts, stsFactory);
        } catch (RuntimeException e) {
            closeQuietly(clients, provider, sts, stsFactory);
            throw e;
        }
    }

    private static void assume(AwsCredentialsProvider provider, String role) {
        try {
            provider.resolveCredentials();
        } catch (SdkException e) {
            if (e.retryable() || e.getCause() instanceof java.io.IOException || (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                    && (service.isThrottlingException() || service.statusCode() >= 500))) {
                // STS itself failed: nothing is wrong with the role, so do not send the user looking there
                throw new CredentialsException("Cannot assume role " + role + ": STS kept failing (" + reason(e)
                        + ") after retrying; STS is throttling, failing or unreachable, run the build again later.", e);
            }
            throw new CredentialsException("Cannot assume role " + role + ": " + reason(e)
                    + "; check that the role exists in its account, trusts the build's credentials, and that the "
                    + "external id (if the role needs one) is set.", e);
        }
    }

    private static String check(AwsClientFactory clients, String role, String expectedAccount) {
        GetCallerIdentityResponse identity;
        try (StsClient sts = clients.sts()) {
            identity = sts.getCallerIdentity();
        } catch (SdkException e) {
            throw new CredentialsException("GetCallerIdentity failed" + (role == null ? "" : " with role " + role) + ": "
                    + reason(e) + "; check the AWS credentials the build runs with.", e);
        }
        return expect(identity.account(), role, expectedAccount);
    }

    private static String expect(String account, String role, String expectedAccount) {
        if (expectedAccount != null && !expectedAccount.isBlank() && !expectedAccount.equals(account)) {
            throw new CredentialsException((role == null ? "The build's credentials act" : "Role " + role + " acts")
                    + " in account " + account + " but the stage deploys to account " + expectedAccount
                    + "; nothing was changed. Fix the stage's <accountId> or <roleArn>.");
        }
        return account;
    }

    /** The account an IAM role ARN names ({@code arn:<partition>:iam::<account>:role/<path/name>}). */
    static Optional<String> accountOf(String roleArn) {
        java.util.regex.Matcher arn = ROLE_ARN.matcher(roleArn);
        return arn.matches() ? Optional.of(arn.group(1)) : Optional.empty();
    }

    private static String reason(SdkException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s*\\(Service: .*$", "").strip();
    }

    /** Clients acting in the stage account and region. */
    public AwsClientFactory clients() {
        return clients;
    }

    /** The account the credentials act in, as reported by {@code GetCallerIdentity}. */
    public String accountId() {
        return accountId;
    }

    /** The assumed role, empty when acting with the base credentials. */
    public Optional<String> roleArn() {
        return roleArn;
    }

    @Override
    public void close() {
        closeQuietly(owned);
    }

    private static void closeQuietly(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception ignored) {
                // releasing clients: nothing the user can act on
            }
        }
    }

    @Override
    public String toString() {
        return "StageAccess[account=" + accountId + ", role=" + roleArn.orElse("-") + ", region=" + clients.region() + "]";
    }
}
