package dev.samstage.core.local;

/** The Lambda proxy integration payload format a route uses. */
public enum PayloadFormat {
    /** REST APIs, and HTTP APIs with {@code PayloadFormatVersion: '1.0'}: {@code APIGatewayProxyRequestEvent}. */
    V1("1.0"),
    /** HTTP APIs by default: {@code APIGatewayV2HTTPEvent}. */
    V2("2.0");

    private final String version;

    PayloadFormat(String version) {
        this.version = version;
    }

    public String version() {
        return version;
    }
}
