package dev.samstage.core.packaging;

import java.util.Objects;
import java.util.Optional;

/**
 * How an object is encrypted at rest: SSE-S3 ({@code AES256}), SSE-KMS ({@code aws:kms}) with
 * the key's ARN, or neither.
 *
 * @param algorithm the {@code x-amz-server-side-encryption} value, or {@code none}
 * @param kmsKeyArn the KMS key's ARN for SSE-KMS
 */
public record ObjectEncryption(String algorithm, Optional<String> kmsKeyArn) {

    public static final String SSE_S3 = "AES256";
    public static final String SSE_KMS = "aws:kms";

    public ObjectEncryption {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
    }

    /** SSE-S3. */
    public static ObjectEncryption s3Managed() {
        return new ObjectEncryption(SSE_S3, Optional.empty());
    }

    /** SSE-KMS with the key {@code keyArn}. */
    public static ObjectEncryption kms(String keyArn) {
        return new ObjectEncryption(SSE_KMS, Optional.of(keyArn));
    }

    /** For messages: {@code SSE-S3}, {@code SSE-KMS with <arn>} or {@code no encryption}. */
    public String describe() {
        return switch (algorithm) {
            case SSE_S3 -> "SSE-S3";
            case SSE_KMS -> "SSE-KMS with " + kmsKeyArn.orElse("the account's default key");
            default -> "no server-side encryption";
        };
    }
}
