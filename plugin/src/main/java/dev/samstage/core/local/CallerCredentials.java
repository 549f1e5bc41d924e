package dev.samstage.core.local;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The AWS credentials a Lambda finds in its environment (its execution role's, in AWS).
 * Locally a handler gets none unless the user opts in with {@value #PROPERTY}=true; then it
 * gets the caller's, resolved by the default credential chain. Values never reach a log
 * line or a message.
 */
final class CallerCredentials {

    /** The property that passes the caller's credentials to handlers. */
    static final String PROPERTY = "samstage.localPassCredentials";

    /** The variables through which Lambda hands a function its role's credentials. */
    static final Set<String> NAMES = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY");

    private CallerCredentials() {
    }

    /** The credential variables for handlers: empty when not passed. */
    static Map<String, String> variables(boolean pass, AwsCredentialsProvider caller) {
        if (!pass) {
            return Map.of();
        }
        AwsCredentials credentials;
        try {
            credentials = caller.resolveCredentials();
        } catch (SdkException e) {
            throw new LocalStageException(PROPERTY + "=true but no AWS credentials were found for the handlers ("
                + e.getMessage().lines().findFirst().orElse("") + "); configure credentials (aws configure, AWS_PROFILE) "
                + "or drop -D" + PROPERTY);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        variables.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        if (credentials instanceof AwsSessionCredentials session) {
            variables.put("AWS_SESSION_TOKEN", session.sessionToken());
        }
        return variables;
    }
}
