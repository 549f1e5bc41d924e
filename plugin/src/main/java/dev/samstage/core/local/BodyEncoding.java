package dev.samstage.core.local;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether API Gateway hands a body to Lambda base64-encoded
 * ({@code isBase64Encoded: true}) or as text.
 *
 * <p>REST APIs encode exactly the content types listed in the API's
 * {@code BinaryMediaTypes} (SAM writes {@code /} as {@code ~1}; {@code *} wildcards allowed).
 * HTTP APIs encode every body that is not text: here, a content type that is neither
 * {@code text/*} nor a JSON, XML, JavaScript or form type, or, without a content type,
 * bytes that are not valid UTF-8.
 */
final class BodyEncoding {

    private BodyEncoding() {
    }

    static boolean requestIsBinary(ApiKind api, String contentType, List<String> binaryMediaTypes, byte[] body) {
        if (body.length == 0) {
            return false;
        }
        if (api == ApiKind.REST) {
            return matchesAny(contentType, binaryMediaTypes);
        }
        if (contentType == null || contentType.isBlank()) {
            return !isUtf8(body);
        }
        return !isText(contentType);
    }

    /** Whether a media type ({@code image/png; q=1}) matches one of the patterns. */
    static boolean matchesAny(String mediaType, List<String> patterns) {
        if (mediaType == null) {
            return false;
        }
        String type = essence(mediaType);
        for (String pattern : patterns) {
            String p = essence(pattern.replace("~1", "/"));
            if (p.equals("*/*") || p.equals(type)
                || (p.endsWith("/*") && type.startsWith(p.substring(0, p.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isText(String contentType) {
        String type = essence(contentType);
        return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json")
            || type.endsWith("/xml") || type.endsWith("+xml") || type.endsWith("/javascript")
            || type.equals("application/x-www-form-urlencoded") || type.equals("application/graphql");
    }

    private static String essence(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
