package dev.samstage.testkit;

import static dev.samstage.testkit.StageProperties.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * How requests authenticate: an API key header, a bearer token, or SigV4 signing, plus the
 * mask that keeps those secrets out of logs. Checked once per class, so a missing credential
 * fails the class once rather than every test.
 *
 * @param headers fixed headers to send (API key, bearer token)
 * @param signer the SigV4 filter, or {@code null} when not signing
 * @param mask what to hide in logs
 */
record StageAuth(Map<String, String> headers, SigV4Filter signer, SecretMask mask) {

    private static final Pattern EXECUTE_API_HOST = Pattern.compile("^[^.]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com.*");

    static StageAuth from(StageSettings settings, StageContext stage, Optional<Setting> region,
                          Supplier<AwsCredentialsProvider> credentials) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        String apiKeyHeader = settings.find(API_KEY_HEADER).map(Setting::value).orElse(DEFAULT_API_KEY_HEADER);

        Optional<Setting> apiKey = settings.find(API_KEY, API_KEY_ENV);
        apiKey.ifPresent(key -> {
            headers.put(apiKeyHeader, key.value());
            secrets.add(key.value());
        });
        Optional<Setting> bearer = settings.find(BEARER_TOKEN, BEARER_TOKEN_ENV);
        boolean sigv4 = settings.flag(SIGV4, SIGV4_ENV);
        if (bearer.isPresent() && sigv4) {
            throw new StageConfigurationException("Both " + BEARER_TOKEN + " (from " + bearer.get().source() + ") and " + SIGV4
                    + "=true are set, and both need the Authorization header; keep one of them");
        }
        bearer.ifPresent(token -> {
            headers.put("Authorization", "Bearer " + token.value());
            secrets.add(token.value());
        });

        SigV4Filter signer = null;
        if (sigv4) {
            AwsCredentialsProvider provider = credentials.get();
            try {
                provider.resolveCredentials();
            } catch (SdkClientException e) {
                throw new StageConfigurationException(SIGV4 + "=true asks to sign requests with AWS SigV4, but the default credentials chain"
                        + " found no AWS credentials (" + e.getMessage() + "). Provide credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID and"
                        + " AWS_SECRET_ACCESS_KEY, or a role) or set " + SIGV4 + "=false");
            }
            String service = settings.find(SIGV4_SERVICE).map(Setting::value).orElse(DEFAULT_SIGV4_SERVICE);
            signer = new SigV4Filter(provider, signingRegion(region, stage), service);
        }
        return new StageAuth(Map.copyOf(headers), signer, new SecretMask(List.of(apiKeyHeader), secrets));
    }

    private static String signingRegion(Optional<Setting> region, StageContext stage) {
        if (region.isPresent()) {
            return region.get().value();
        }
        if (stage.region().isPresent()) {
            return stage.region().get();
        }
        Matcher host = EXECUTE_API_HOST.matcher(stage.endpoint().getHost());
        if (host.matches()) {
            return host.group(1);
        }
        throw new StageConfigurationException(SIGV4 + "=true needs the API's region to sign with, and none was found: set -D"
                + REGION + "=<region> (or AWS_REGION); the endpoint " + stage.endpoint() + " does not name one");
    }

    @Override
    public String toString() {
        return "StageAuth[headers=" + headers.keySet() + ", sigv4=" + (signer != null) + "]";
    }
}
