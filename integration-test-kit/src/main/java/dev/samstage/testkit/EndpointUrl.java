package dev.samstage.testkit;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks that an endpoint value is an absolute http(s) URL before any request uses it. */
final class EndpointUrl {

    private static final String EXAMPLE = "https://abc123.execute-api.eu-west-1.amazonaws.com/Prod";

    private EndpointUrl() {
    }

    /**
     * @param value the configured value
     * @param origin what held it, e.g. {@code samstage.endpoint (from system property samstage.endpoint)}
     */
    static URI parse(String value, String origin) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw notAnHttpUrl(value, origin);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw notAnHttpUrl(value, origin);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        // a trailing slash would double up with request paths that start with one
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme.toLowerCase() + "://" + uri.getRawAuthority() + path);
    }

    private static StageConfigurationException notAnHttpUrl(String value, String origin) {
        return new StageConfigurationException(origin + " is '" + value
                + "', which is not an http(s) URL; set it to the API's invoke URL, for example " + EXAMPLE);
    }
}
