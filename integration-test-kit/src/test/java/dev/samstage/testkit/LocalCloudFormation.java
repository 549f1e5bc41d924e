package dev.samstage.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * CloudFormation for tests: moto in server mode on a free port of 127.0.0.1, driven with the
 * real SDK client. Stopped when the test class closes it.
 */
final class LocalCloudFormation implements AutoCloseable {

    private static final String SERVER = String.join("\n",
            "import socket, sys",
            "from moto.server import ThreadedMotoServer",
            "s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close()",
            "server = ThreadedMotoServer(ip_address='127.0.0.1', port=port, verbose=False)",
            "server.start()",
            "print('READY %d' % port, flush=True)",
            "sys.stdin.read()",
            "server.stop()");

    private final Process process;
    private final URI endpoint;

    private LocalCloudFormation(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static LocalCloudFormation start() {
        String python = System.getenv().getOrDefault("SAMSTAGE_PYTHON", "python3");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(python, "-c", SERVER))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
            builder.environment().remove("MOTO_ACCOUNT_ID");
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("READY ")) {
                    return new LocalCloudFormation(process, URI.create("http://localhost:" + line.substring(6).trim()));
                }
            }
            throw new IllegalStateException("moto exited before it was ready (is moto[server] installed for " + python + "?)");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start moto with " + python, e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** Creates a stack whose outputs are the given literal values (CreateStack keeps outputs in moto). */
    void createStack(String region, String name, java.util.Map<String, String> outputs) {
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
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Scenario.ACCESS_KEY, Scenario.SECRET_KEY)))
                .build()) {
            client.createStack(r -> r.stackName(name).templateBody(template.toString()));
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
