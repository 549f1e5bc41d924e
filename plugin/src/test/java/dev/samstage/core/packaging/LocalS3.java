package dev.samstage.core.packaging;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.testing.aws.LocalAws;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Clients for the local AWS (moto) with a fresh state, for the packaging tests. */
final class LocalS3 {

    private LocalS3() {
    }

    /** Resets the emulator and returns a client factory pointing at it. */
    static AwsClientFactory freshClients() {
        LocalAws aws = LocalAws.get();
        aws.reset();
        return AwsClientFactory.create("us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)),
                aws.endpoint());
    }
}
