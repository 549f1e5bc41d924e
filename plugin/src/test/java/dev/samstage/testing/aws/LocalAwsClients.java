package dev.samstage.testing.aws;

import dev.samstage.core.aws.AwsClientFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Clients of the local AWS signed with its fake credentials, which act in moto's default account. */
public final class LocalAwsClients {

    private LocalAwsClients() {
    }

    /** Clients in {@code region} of the running local AWS, whose state is kept. */
    public static AwsClientFactory in(String region) {
        return AwsClientFactory.create(region,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)),
                LocalAws.get().endpoint());
    }

    /** Clears every service's state first, so that a test starts from an empty account. */
    public static AwsClientFactory fresh(String region) {
        LocalAws.get().reset();
        return in(region);
    }
}
