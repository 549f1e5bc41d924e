package dev.samstage.testkit;

import dev.samstage.testing.aws.LocalAws;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * CloudFormation stacks for the kit's tests, in the local AWS that every samstage test uses
 * ({@link LocalAws}), made with the real SDK client.
 */
final class LocalStacks {

    private LocalStacks() {
    }

    /** The local AWS's endpoint, as a stage's {@code samstage.awsEndpointUrl} names it. */
    static URI endpoint() {
        return LocalAws.get().endpoint();
    }

    /** Clears the local AWS: each test class starts from the stacks it creates. */
    static void clear() {
        LocalAws.get().reset();
    }

    /** Creates a stack whose outputs are the given literal values (CreateStack keeps outputs in moto). */
    static void create(String region, String name, Map<String, String> outputs) {
        StringBuilder template = new StringBuilder("{\"Resources\":{\"Topic\":{\"Type\":\"AWS::SNS::Topic\"}},\"Outputs\":{");
        String separator = "";
        for (var output : outputs.entrySet()) {
            template.append(separator).append('"').append(output.getKey()).append("\":{\"Value\":\"").append(output.getValue()).append("\"}");
            separator = ",";
        }
        template.append("}}");
        try (CloudFormationClient client = CloudFormationClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(region))
                .endpointOverride(endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Scenario.ACCESS_KEY, Scenario.SECRET_KEY)))
                .build()) {
            client.createStack(r -> r.stackName(name).templateBody(template.toString()));
        }
    }
}
