package dev.samstage.core.packaging;

import dev.samstage.testing.aws.LocalAwsClients;
import dev.samstage.core.aws.AwsClientFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An empty artifact bucket in a fresh local AWS for each test, with the S3 client and the
 * artifact store that write to it; closed after the test. Register it as a field:
 * {@code @RegisterExtension final LocalBucket bucket = new LocalBucket("artifacts");}
 */
final class LocalBucket implements BeforeEachCallback, AfterEachCallback {

    private final String name;
    private AwsClientFactory clients;
    private S3Client s3;
    private S3ArtifactStore store;

    LocalBucket(String name) {
        this.name = name;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        clients = LocalAwsClients.fresh("us-east-1");
        s3 = clients.s3();
        s3.createBucket(b -> b.bucket(name));
        store = S3ArtifactStore.create(clients);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        store.close();
        s3.close();
        clients.close();
    }

    String name() {
        return name;
    }

    AwsClientFactory clients() {
        return clients;
    }

    S3Client s3() {
        return s3;
    }

    S3ArtifactStore store() {
        return store;
    }
}
