package dev.samstage.core.packaging;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A KMS key for SSE-KMS, given as a key id ({@code 1234abcd-...} or a multi-Region
 * {@code mrk-...}), a key ARN, an alias ({@code alias/name}) or an alias ARN. The format is
 * checked up front so a typo fails before anything is uploaded, not on the first PutObject.
 */
public record KmsKeyReference(String value) {

    private static final String KEY_ID = "(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
            + "|mrk-[0-9a-fA-F]{32})";
    private static final String ALIAS = "alias/[a-zA-Z0-9/_-]{1,250}";
    private static final Pattern VALID = Pattern.compile(
            KEY_ID + "|" + ALIAS + "|arn:aws(?:-[a-z]+)*:kms:[a-z0-9-]+:\\d{12}:(?:key/" + KEY_ID + "|" + ALIAS + ")");

    public KmsKeyReference {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new PackagingException("The KMS key '" + value + "' (-Dsamstage.kmsKeyId or the stage's kmsKeyId)"
                    + " is not a key id, key ARN, alias or alias ARN; give e.g. 1234abcd-12ab-34cd-56ef-1234567890ab,"
                    + " arn:aws:kms:us-east-1:123456789012:key/<id> or alias/my-key.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
