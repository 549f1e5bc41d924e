package dev.samstage.sample.quotes;

/**
 * A request the service refuses, with the HTTP status, a stable error code and, for bad
 * input, the JSON field at fault (e.g. {@code items[1].quantity}).
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String field;

    private ApiException(int status, String code, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid_request", field, field + " " + message);
    }

    static ApiException unprocessable(String field, String message) {
        return new ApiException(422, "unknown_product", field, field + " " + message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "not_found", null, message);
    }

    static ApiException methodNotAllowed(String method, String path, String allowed) {
        return new ApiException(405, "method_not_allowed", null, method + " is not supported on " + path + "; use " + allowed);
    }

    static ApiException unsupportedMediaType(String contentType) {
        return new ApiException(415, "unsupported_media_type", null,
                "Content-Type " + contentType + " is not supported; send application/json");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The field at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
