package dev.samstage.e2e;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.testing.aws.LocalAws;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Clients for the local AWS: the build account's (the default chain in CodeBuild) and a stage account's. */
final class LocalAccounts {

    static final String DEV = "111111111111";

    private LocalAccounts() {
    }

    /** Build-account clients in {@code region}, after clearing the local AWS. */
    static AwsClientFactory fresh(String region) {
        LocalAws.get().reset();
        return AwsClientFactory.create(region,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)),
                LocalAws.get().endpoint());
    }

    /** Clients acting in {@code account}, as the stage's deployment role does. */
    static AwsClientFactory account(AwsClientFactory base, String account) {
        try (var sts = base.sts()) {
            Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/e2e-inspector")
                    .roleSessionName("inspector")).credentials();
            return base.with(base.region().id(), StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())));
        }
    }
}
