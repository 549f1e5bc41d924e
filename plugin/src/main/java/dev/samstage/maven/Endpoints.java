package dev.samstage.maven;

import dev.samstage.core.StageException;
import java.net.URI;

/** Endpoint values given on the command line. */
final class Endpoints {

    private Endpoints() {
    }

    /** An API endpoint the suite runs against. */
    static URI parse(String value, String property) {
        return parse(value, property, "https://abc123.execute-api.eu-west-1.amazonaws.com/Prod");
    }

    /** An http(s) URL given as {@code property}; the failure shows {@code example}. */
    static URI parse(String value, String property, String example) {
        try {
            URI uri = URI.create(value.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the property name
        }
        throw new StageException(property + " '" + value + "' is not an http(s) URL; give one like " + example + ".");
    }
}
