package dev.samstage.core.validate;

/** How API Gateway tells routes apart. */
public final class RouteKeys {

    private RouteKeys() {
    }

    /**
     * The path with parameter names dropped: API Gateway treats {@code /orders/{id}} and
     * {@code /orders/{orderId}} as one resource, and a greedy {@code {proxy+}} likewise.
     */
    public static String normalized(String path) {
        return path.replaceAll("\\{[^}]+\\+}", "{+}").replaceAll("\\{[^}+]+}", "{}");
    }
}
