package dev.samstage.testkit;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of logs: hides the values of headers that carry them, signature
 * query parameters, and any known secret value wherever else it shows up.
 */
final class SecretMask {

    static final String MASK = "[masked]";

    /** Headers whose values are credentials, whatever the API. */
    static final List<String> SENSITIVE_HEADERS = List.of(
            "Authorization", "Proxy-Authorization", "x-api-key", "X-Amz-Security-Token", "Cookie", "Set-Cookie");

    private static final Pattern SIGNING_QUERY = Pattern.compile(
            "(?i)((?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=)[^&#\\s]*");

    private final Set<String> headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final List<String> secrets;

    /**
     * @param extraHeaders further headers to hide (a custom API key header)
     * @param secrets values to hide anywhere (API key, bearer token); short values are ignored
     */
    SecretMask(Collection<String> extraHeaders, Collection<String> secrets) {
        headers.addAll(SENSITIVE_HEADERS);
        headers.addAll(extraHeaders);
        // hiding a 1-3 character value would shred the log without protecting anything
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
    }

    /** The header names to hide, for Rest Assured's own logging. */
    Set<String> headerNames() {
        return Set.copyOf(headers);
    }

    String header(String name, String value) {
        return headers.contains(name) ? MASK : text(value);
    }

    String text(String value) {
        if (value == null) {
            return null;
        }
        String masked = value;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        Matcher m = SIGNING_QUERY.matcher(masked);
        return m.replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }
}
