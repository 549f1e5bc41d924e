package dev.samstage.core.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.lambda.runtime.bridge.LambdaObjectMapper;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the Lambda proxy integration event for a request with Lambda's own event classes
 * ({@code aws-lambda-java-events}) and serialises it as the Lambda runtime would.
 */
final class ProxyEvents {

    /** API Gateway's {@code requestTime} format: {@code 09/Apr/2015:12:34:56 +0000}. */
    private static final DateTimeFormatter REQUEST_TIME =
        DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    static final String ACCOUNT_ID = "123456789012";

    private final ObjectMapper mapper = LambdaObjectMapper.create();

    /** The facts of one invocation that are not in the HTTP request. */
    record Invocation(String requestId, String stage, long epochMillis, String domainName,
                      Map<String, String> stageVariables, List<String> binaryMediaTypes) {
    }

    byte[] event(GatewayRequest request, RouteTable.Match match, Invocation invocation) {
        Object event = match.route().payload() == PayloadFormat.V1
            ? v1(request, match, invocation)
            : v2(request, match, invocation);
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private APIGatewayProxyRequestEvent v1(GatewayRequest request, RouteTable.Match match, Invocation invocation) {
        LocalRoute route = match.route();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            String canonical = GatewayRequest.canonicalName(name);
            headers.put(canonical, values.get(values.size() - 1));
            multiHeaders.put(canonical, values);
        });
        Map<String, List<String>> query = request.queryParameters();
        Map<String, String> lastQuery = null;
        if (query != null) {
            lastQuery = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : query.entrySet()) {
                lastQuery.put(e.getKey(), e.getValue().get(e.getValue().size() - 1));
            }
        }
        String resource = route.path().equals(LocalRoute.DEFAULT_ROUTE) ? "$default" : route.path();
        var identity = new APIGatewayProxyRequestEvent.RequestIdentity()
            .withSourceIp(request.sourceIp())
            .withUserAgent(request.header("User-Agent"));
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
            .withAccountId(ACCOUNT_ID)
            .withApiId(route.apiId().toLowerCase(Locale.ROOT))
            .withResourceId(Integer.toHexString(route.routeKey().hashCode()))
            .withStage(invocation.stage())
            .withRequestId(invocation.requestId())
            .withExtendedRequestId(invocation.requestId())
            .withIdentity(identity)
            .withResourcePath(resource)
            .withHttpMethod(request.method())
            .withPath("/" + invocation.stage() + request.decodedPath())
            .withProtocol(request.protocol())
            .withRequestTime(REQUEST_TIME.format(Instant.ofEpochMilli(invocation.epochMillis())))
            .withRequestTimeEpoch(invocation.epochMillis())
            .withDomainName(invocation.domainName())
            .withDomainPrefix(domainPrefix(invocation.domainName()));
        boolean binary = BodyEncoding.requestIsBinary(route.api(), request.header("Content-Type"),
            invocation.binaryMediaTypes(), request.body());
        return new APIGatewayProxyRequestEvent()
            .withVersion("1.0")
            .withResource(resource)
            .withPath(request.decodedPath())
            .withHttpMethod(request.method())
            .withHeaders(headers.isEmpty() ? null : headers)
            .withMultiValueHeaders(multiHeaders.isEmpty() ? null : multiHeaders)
            .withQueryStringParameters(lastQuery)
            .withMultiValueQueryStringParameters(query)
            .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
            .withStageVariables(invocation.stageVariables().isEmpty() ? null : invocation.stageVariables())
            .withRequestContext(context)
            .withBody(body(request.body(), binary))
            .withIsBase64Encoded(binary);
    }

    private APIGatewayV2HTTPEvent v2(GatewayRequest request, RouteTable.Match match, Invocation invocation) {
        LocalRoute route = match.route();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = GatewayRequest.lowerName(name);
            if (lower.equals("cookie")) {
                // HTTP APIs move cookies out of the headers into their own list.
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        Map<String, String> query = null;
        if (request.queryParameters() != null) {
            query = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : request.queryParameters().entrySet()) {
                query.put(e.getKey(), String.join(",", e.getValue()));
            }
        }
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
            .withMethod(request.method())
            .withPath(request.decodedPath())
            .withProtocol(request.protocol())
            .withSourceIp(request.sourceIp())
            .withUserAgent(request.header("User-Agent"))
            .build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
            .withAccountId(ACCOUNT_ID)
            .withApiId(route.apiId().toLowerCase(Locale.ROOT))
            .withDomainName(invocation.domainName())
            .withDomainPrefix(domainPrefix(invocation.domainName()))
            .withHttp(http)
            .withRequestId(invocation.requestId())
            .withRouteKey(route.routeKey())
            .withStage(invocation.stage())
            .withTime(REQUEST_TIME.format(Instant.ofEpochMilli(invocation.epochMillis())))
            .withTimeEpoch(invocation.epochMillis())
            .build();
        boolean binary = BodyEncoding.requestIsBinary(route.api(), request.header("Content-Type"),
            invocation.binaryMediaTypes(), request.body());
        return APIGatewayV2HTTPEvent.builder()
            .withVersion("2.0")
            .withRouteKey(route.routeKey())
            .withRawPath(request.rawPath())
            .withRawQueryString(request.rawQuery())
            .withCookies(cookies.isEmpty() ? null : cookies)
            .withHeaders(headers)
            .withQueryStringParameters(query)
            .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
            .withStageVariables(invocation.stageVariables().isEmpty() ? null : invocation.stageVariables())
            .withBody(request.body().length == 0 ? null : body(request.body(), binary))
            .withIsBase64Encoded(binary)
            .withRequestContext(context)
            .build();
    }

    private static String body(byte[] body, boolean binary) {
        if (body.length == 0) {
            return null;
        }
        return binary ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8);
    }

    private static String domainPrefix(String domainName) {
        int dot = domainName.indexOf('.');
        int colon = domainName.indexOf(':');
        int end = dot > 0 ? dot : colon > 0 ? colon : domainName.length();
        return domainName.substring(0, end);
    }
}
