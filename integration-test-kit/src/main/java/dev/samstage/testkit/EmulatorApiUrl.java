package dev.samstage.testkit;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A REST API stage's URL as a local AWS emulator serves it: with an AWS endpoint override, an output
 * {@code https://<apiId>.execute-api.<region>.amazonaws.com/<stage>/<path>} names a host only AWS
 * answers for, so the suite calls {@code <endpointUrl>/restapis/<apiId>/<stage>/_user_request_/<path>}
 * (LocalStack's convention, which samstage's local AWS and the plugin's {@code outputs.json} follow).
 * Any other URL is kept as it is.
 *
 * <p>Public for the plugin, which resolves a deployed stage's endpoint the same way (the kit's jar is
 * in the plugin's class realm for the suite launcher): one copy of the convention for both.</p>
 */
public final class EmulatorApiUrl {

    private static final Pattern REST_API_STAGE =
            Pattern.compile("https://([a-z0-9]+)\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com/([^/?#]+)([^#]*)");

    private EmulatorApiUrl() {
    }

    /** {@code url} rewritten to the data plane of the emulator at {@code endpoint}, or {@code url} itself. */
    public static String on(URI endpoint, String url) {
        Matcher m = REST_API_STAGE.matcher(url);
        if (!m.matches()) {
            return url;
        }
        String base = endpoint.toString().replaceAll("/+$", "");
        return base + "/restapis/" + m.group(1) + "/" + m.group(2) + "/_user_request_" + m.group(3);
    }
}
