package dev.samstage.core.local;

/** The two API Gateway flavours a SAM function event can declare. */
public enum ApiKind {
    /** {@code Type: Api}: an API Gateway REST API (payload format 1.0). */
    REST("REST API", "Api"),
    /** {@code Type: HttpApi}: an API Gateway HTTP API (payload format 2.0 by default). */
    HTTP("HTTP API", "HttpApi");

    private final String displayName;
    private final String eventType;

    ApiKind(String displayName, String eventType) {
        this.displayName = displayName;
        this.eventType = eventType;
    }

    public String displayName() {
        return displayName;
    }

    /** The SAM event {@code Type} that declares a route of this kind. */
    public String eventType() {
        return eventType;
    }
}
