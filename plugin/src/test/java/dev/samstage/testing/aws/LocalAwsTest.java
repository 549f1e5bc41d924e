package dev.samstage.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstage.core.aws.AwsClientFactory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class LocalAwsTest {

    @Test
    void servesS3ToARealSdkClientAfterAReset() {
        LocalAws aws = LocalAws.get();
        aws.reset();
        try (AwsClientFactory clients = AwsClientFactory.create("us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)),
                aws.endpoint());
             var s3 = clients.s3()) {
            s3.createBucket(b -> b.bucket("samstage-fixture"));
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("samstage-fixture");
            aws.reset();
            assertThat(s3.listBuckets().buckets()).isEmpty();
        }
    }
}
