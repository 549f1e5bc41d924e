package dev.samstage.testing.aws;

import dev.samstage.core.aws.AwsClientFactory;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * KMS keys in the local AWS for tests that encrypt with SSE-KMS: the local S3, like S3, refuses
 * a key that does not exist in the bucket's region, so a test creates its key first.
 */
public final class LocalKms {

    private LocalKms() {
    }

    /** Creates a symmetric encryption key in the region and account of {@code clients}; returns its ARN. */
    public static String createKey(AwsClientFactory clients) {
        try (KmsClient kms = clients.kms()) {
            return kms.createKey(k -> k.description("samstage test key")).keyMetadata().arn();
        }
    }

    /** Creates a key and {@code alias} (for example {@code alias/stage-key}) naming it; returns the key's ARN. */
    public static String createKey(AwsClientFactory clients, String alias) {
        String arn = createKey(clients);
        try (KmsClient kms = clients.kms()) {
            kms.createAlias(a -> a.aliasName(alias).targetKeyId(arn));
        }
        return arn;
    }

    /** Creates a key and {@code alias} in {@code region} of the local AWS's default account; returns the key's ARN. */
    public static String createKey(String region, String alias) {
        try (AwsClientFactory clients = LocalAwsClients.in(region)) {
            return createKey(clients, alias);
        }
    }
}
