package dev.samstage.core.deploy;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A REST API stage's URL as a local AWS emulator serves it. An emulator cannot answer for
 * {@code https://<apiId>.execute-api.<region>.amazonaws.com/<stage>/<path>} (that host is AWS's),
 * so it serves the stage on its own endpoint as
 * {@code <endpoint>/restapis/<apiId>/<stage>/_user_request_/<path>} (LocalStack's convention, which
 * samstage's local AWS follows). Any other URL is kept as it is.
 */
final class EmulatorApiUrl {

    private static final Pattern REST_API_STAGE =
            Pattern.compile("https://([a-z0-9]+)\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com/([^/?#]+)([^#]*)");

    private EmulatorApiUrl() {
    }

    /** {@code url} rewritten to the data plane of the emulator at {@code endpoint}, or {@code url} itself. */
    static String on(URI endpoint, String url) {
        Matcher m = REST_API_STAGE.matcher(url);
        if (!m.matches()) {
            return url;
        }
        String base = endpoint.toString().replaceAll("/+$", "");
        return base + "/restapis/" + m.group(1) + "/" + m.group(2) + "/_user_request_" + m.group(3);
    }
}
