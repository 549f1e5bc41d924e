package dev.samstage.testkit;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Signs each request with AWS Signature Version 4 using the SDK's own signer, for APIs
 * behind IAM authorisation. Runs after every other filter that may change the request,
 * and signs only the host and body, so headers the HTTP client adds later cannot break it.
 */
final class SigV4Filter implements OrderedFilter {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final AwsCredentialsProvider credentials;
    private final String region;
    private final String service;

    SigV4Filter(AwsCredentialsProvider credentials, String region, String service) {
        this.credentials = credentials;
        this.region = region;
        this.service = service;
    }

    @Override
    public int getOrder() {
        // just before the exchange recorder, which must see the signed request
        return LOWEST_PRECEDENCE - 1;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
        byte[] body = body(request);
        SdkHttpRequest unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.getMethod()))
                .uri(URI.create(request.getURI()))
                .build();
        SignedRequest signed = SIGNER.sign(r -> r
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .identity(credentials.resolveCredentials())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service));
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            request.removeHeader(header.getKey());
            for (String value : header.getValue()) {
                request.header(header.getKey(), value);
            }
        }
        return ctx.next(request, response);
    }

    private static byte[] body(FilterableRequestSpecification request) {
        if (!request.getFormParams().isEmpty() || !request.getMultiPartParams().isEmpty()) {
            throw new StageConfigurationException("SigV4 signing (" + StageProperties.SIGV4
                    + "=true) covers String and byte[] bodies only; send form or multipart data as a prepared body");
        }
        Object body = request.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String text) {
            return text.getBytes(charset(request));
        }
        throw new StageConfigurationException("SigV4 signing (" + StageProperties.SIGV4 + "=true) covers String and byte[] bodies only, not "
                + body.getClass().getSimpleName() + "; pass the body as a String or byte[]");
    }

    /** The charset Rest Assured will encode a String body with. */
    private static Charset charset(FilterableRequestSpecification request) {
        String contentType = request.getContentType();
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    return Charset.forName(p.substring(8).replace("\"", "").trim());
                }
            }
            return Charset.forName(request.getConfig().getEncoderConfig().defaultCharsetForContentType(contentType.split(";")[0].trim()));
        }
        return Charset.forName(request.getConfig().getEncoderConfig().defaultContentCharset());
    }
}
