package dev.samstage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.profiles.ProfileFile;

/** SigV4 for IAM-authorised APIs: signed as received, never logged, and a clear failure without credentials. */
class SigV4SigningTest {

    private static final String AUTHORIZATION_SHAPE = "AWS4-HMAC-SHA256 Credential=" + Scenario.ACCESS_KEY
            + "/\\d{8}/eu-west-1/execute-api/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}";

    private LocalApi api;

    @BeforeEach
    void startApi() {
        Scenario.reset();
        api = LocalApi.start()
                .route("/Prod/orders", r -> LocalApi.Answer.json(200, "{\"ok\":true}"))
                .route("/Prod/health", r -> LocalApi.Answer.json(200, "{\"ok\":true}"));
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    static class SignedCalls {
        @RegisterExtension
        static final StageExtension stage = Scenario.extension();

        @Test
        void postsJsonWithAQuery(RequestSpecification spec) {
            spec.contentType("application/json").queryParam("size", "2").queryParam("q", "a b/c")
                    .body("{\"name\":\"caf\u00e9 cr\u00e8me\"}")
                    .post("/orders").then().statusCode(200);
        }

        @Test
        void getsWithoutBody(RequestSpecification spec) {
            spec.get("/health").then().statusCode(200);
        }

        @Test
        void failsSoTheLogIsPrinted(RequestSpecification spec) {
            spec.get("/health").then().statusCode(418);
        }
    }

    @Test
    void signsEveryRequestSoThatTheReceivedRequestVerifies() {
        Scenario scenario = Scenario.reset();

        EngineExecutionResults results = Fixtures.run(SignedCalls.class, Map.of(
                StageProperties.ENDPOINT, api.endpoint() + "/Prod",
                StageProperties.SIGV4, "true",
                StageProperties.REGION, "eu-west-1"));

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(1));
        assertThat(api.received()).hasSize(3).allSatisfy(received -> {
            assertThat(received.header("Authorization")).matches(AUTHORIZATION_SHAPE);
            assertThat(received.header("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
            assertThat(received.header("X-Amz-Security-Token")).isEqualTo(Scenario.SESSION_TOKEN);
            assertThat(received.header("Authorization")).isEqualTo(signatureFor(received));
        });
        assertThat(new String(api.received().get(0).body(), StandardCharsets.UTF_8)).contains("caf\u00e9");
        assertThat(scenario.logText())
                .contains("failsSoTheLogIsPrinted", "Authorization: [masked]", "X-Amz-Security-Token: [masked]")
                .doesNotContain(Scenario.SESSION_TOKEN, Scenario.SECRET_KEY, "Signature=");
    }

    @Test
    void theRegionComesFromAnExecuteApiHostWhenNotConfigured() {
        EngineExecutionResults results = Fixtures.run(SignedCalls.class, Map.of(
                StageProperties.ENDPOINT, api.endpoint() + "/Prod",
                StageProperties.SIGV4, "true"));

        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .contains("samstage.sigv4=true needs the API's region", "-Dsamstage.region=<region>");
    }

    @Test
    void sigV4WithoutCredentialsFailsTheClassOnceNamingTheKey() {
        Scenario scenario = Scenario.reset();
        ProfileFile empty = ProfileFile.builder()
                .content(new ByteArrayInputStream(new byte[0]))
                .type(ProfileFile.Type.CREDENTIALS)
                .build();
        scenario.credentials = ProfileCredentialsProvider.builder().profileFile(empty).profileName("samstage-none").build();
        scenario.environment.put("SAMSTAGE_SIGV4", "true");

        EngineExecutionResults results = Fixtures.run(SignedCalls.class, Map.of(
                StageProperties.ENDPOINT, api.endpoint() + "/Prod", StageProperties.REGION, "eu-west-1"));

        assertThat(results.testEvents().started().count()).isZero();
        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .contains("samstage.sigv4=true asks to sign requests with AWS SigV4, but the default credentials chain found no AWS credentials",
                        "or set samstage.sigv4=false");
        assertThat(api.received()).isEmpty();
    }

    @Test
    void bearerTokenAndSigV4TogetherAreRejected() {
        EngineExecutionResults results = Fixtures.run(SignedCalls.class, Map.of(
                StageProperties.ENDPOINT, api.endpoint() + "/Prod", StageProperties.REGION, "eu-west-1",
                StageProperties.SIGV4, "true", StageProperties.BEARER_TOKEN, "tok-DoNotLog"));

        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .contains("Both samstage.bearerToken", "samstage.sigv4=true")
                .doesNotContain("tok-DoNotLog");
    }

    @Test
    void aSigV4FlagThatIsNotABooleanNamesTheKey() {
        EngineExecutionResults results = Fixtures.run(SignedCalls.class, Map.of(
                StageProperties.ENDPOINT, api.endpoint() + "/Prod", StageProperties.SIGV4, "yes"));

        assertThat(Fixtures.classFailures(results)).singleElement().asString()
                .contains("samstage.sigv4=yes (from JUnit configuration parameter samstage.sigv4) is not true or false");
    }

    /** Signs the request as received, at the time it claims, and returns the Authorization it must carry. */
    private String signatureFor(LocalApi.Received received) {
        LocalDateTime signedAt = LocalDateTime.parse(received.header("X-Amz-Date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        URI uri = URI.create(api.endpoint() + received.rawPath() + (received.rawQuery() == null ? "" : "?" + received.rawQuery()));
        return AwsV4HttpSigner.create().sign(r -> r
                        .request(SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(received.method())).uri(uri).build())
                        .payload(ContentStreamProvider.fromByteArray(received.body()))
                        .identity(AwsSessionCredentials.create(Scenario.ACCESS_KEY, Scenario.SECRET_KEY, Scenario.SESSION_TOKEN))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt.toInstant(ZoneOffset.UTC), ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElseThrow();
    }
}
