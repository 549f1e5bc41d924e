package dev.samstage.core.packaging;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Checks, before anything is uploaded, that the stage's KMS key can encrypt objects in the
 * artifact bucket, and finds its ARN: S3 reports an object's key by ARN whatever the request
 * named (an alias, a key id), so the ARN is what a stored object's encryption is compared with.
 *
 * <p>S3 uses SSE-KMS keys of the bucket's own region only, and only symmetric encryption keys
 * that are enabled; any other key fails every PutObject with a KMS error, so each case is one
 * line here instead.</p>
 */
final class KmsKeyCheck {

    private static final Pattern ARN_REGION = Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):\\d{12}:.*");
    private static final String WHERE = "(-Dsamstage.kmsKeyId or the stage's kmsKeyId)";

    private KmsKeyCheck() {
    }

    /** The key's ARN, once it is known to be usable for objects of {@code bucket} in {@code bucketRegion}. */
    static String usableArn(KmsClient kms, KmsKeyReference key, String bucket, String bucketRegion) {
        Matcher arn = ARN_REGION.matcher(key.value());
        if (arn.matches() && !arn.group(1).equals(bucketRegion)) {
            throw new PackagingException("The KMS key '" + key + "' " + WHERE + " is in " + arn.group(1)
                    + " but the artifact bucket '" + bucket + "' is in " + bucketRegion + "; S3 encrypts only with keys"
                    + " of the bucket's region: name a key (or a multi-Region replica) in " + bucketRegion + ".");
        }
        KeyMetadata metadata = describe(kms, key, bucket, bucketRegion);
        if (metadata.keyState() != KeyState.ENABLED) {
            throw new PackagingException("The KMS key '" + key + "' " + WHERE + " is " + metadata.keyStateAsString()
                    + " in " + bucketRegion + "; S3 cannot encrypt the artifacts with it: enable it or name another key.");
        }
        if (metadata.keySpec() != null && metadata.keySpec() != KeySpec.SYMMETRIC_DEFAULT) {
            throw new PackagingException("The KMS key '" + key + "' " + WHERE + " is a " + metadata.keySpecAsString()
                    + " key; S3 SSE-KMS needs a symmetric encryption key (SYMMETRIC_DEFAULT): name one.");
        }
        return metadata.arn();
    }

    private static KeyMetadata describe(KmsClient kms, KmsKeyReference key, String bucket, String bucketRegion) {
        try {
            return kms.describeKey(b -> b.keyId(key.value())).keyMetadata();
        } catch (NotFoundException e) {
            throw new PackagingException("The KMS key '" + key + "' " + WHERE + " does not exist in " + bucketRegion
                    + " (the region of the artifact bucket '" + bucket + "') for the build's account; create it there"
                    + " or name an existing key.", e);
        } catch (KmsException e) {
            String code = Optional.ofNullable(e.awsErrorDetails()).map(d -> d.errorCode()).orElse("HTTP " + e.statusCode());
            throw new PackagingException("The KMS key '" + key + "' " + WHERE + " cannot be checked in " + bucketRegion
                    + " (DescribeKey: " + code + "); grant the build's role kms:DescribeKey, kms:GenerateDataKey and"
                    + " kms:Decrypt on it.", e);
        } catch (SdkException e) {
            throw new PackagingException("The KMS key '" + key + "' " + WHERE + " cannot be checked in " + bucketRegion
                    + " (" + firstLine(e.getMessage()) + "); check the network and any endpoint override.", e);
        }
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
