package dev.samstage.testing.aws;

import dev.samstage.core.aws.AwsClientFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.SdkClient;

/**
 * The local AWS with its state cleared before each test, and clients of one region that are
 * closed after it. Register it as a field:
 * {@code @RegisterExtension final FreshLocalAws aws = new FreshLocalAws("us-east-1");}
 */
public final class FreshLocalAws implements BeforeEachCallback, AfterEachCallback {

    private final String region;
    private final Deque<SdkClient> opened = new ArrayDeque<>();
    private AwsClientFactory clients;

    public FreshLocalAws(String region) {
        this.region = region;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        clients = LocalAwsClients.fresh(region);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
        clients.close();
    }

    /** The client factory of this test. */
    public AwsClientFactory clients() {
        return clients;
    }

    /** A client of this test, e.g. {@code aws.client(AwsClientFactory::s3)}, closed after it. */
    public <T extends SdkClient> T client(Function<AwsClientFactory, T> open) {
        T client = open.apply(clients);
        opened.push(client);
        return client;
    }
}
