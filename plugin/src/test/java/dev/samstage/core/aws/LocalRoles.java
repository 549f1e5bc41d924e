package dev.samstage.core.aws;

import dev.samstage.testing.aws.LocalAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Creates IAM roles in a given account of the local AWS (the project has no IAM SDK module):
 * an IAM query call addressed to the account with moto's {@code x-moto-account-id} header.
 */
public final class LocalRoles {

    private LocalRoles() {
    }

    /** A role trusting any principal, optionally only with {@code externalId}. */
    public static void create(String account, String roleName, String externalId) {
        String condition = externalId == null ? ""
                : ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + externalId + "\"}}";
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Action\":\"sts:AssumeRole\"" + condition + "}]}";
        String form = "Action=CreateRole&Version=2010-05-08&RoleName=" + enc(roleName)
                + "&AssumeRolePolicyDocument=" + enc(trust);
        URI endpoint = LocalAws.get().endpoint();
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("x-moto-account-id", account)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + LocalAws.ACCESS_KEY
                        + "/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("CreateRole answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
