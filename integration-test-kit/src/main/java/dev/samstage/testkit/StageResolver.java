package dev.samstage.testkit;

import static dev.samstage.testkit.StageProperties.*;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Finds the stage under test, trying the documented sources in order and remembering each
 * place it looked, so that a miss can say exactly where to put the endpoint.
 */
final class StageResolver {

    private final StageSettings settings;
    private final Supplier<AwsCredentialsProvider> credentials;

    StageResolver(StageSettings settings, Supplier<AwsCredentialsProvider> credentials) {
        this.settings = settings;
        this.credentials = credentials;
    }

    StageContext resolve() {
        List<String> looked = new ArrayList<>(settings.places(ENDPOINT, ENDPOINT_ENV, API_URL_ENV));
        Optional<Setting> stage = settings.find(ENV, ENV_ENV);
        Optional<Setting> region = region();
        Optional<Setting> stack = settings.find(STACK_NAME, STACK_NAME_ENV);
        Setting endpointOutput = settings.find(ENDPOINT_OUTPUT)
                .orElse(new Setting(ENDPOINT_OUTPUT, DEFAULT_ENDPOINT_OUTPUT, "default"));

        Optional<Setting> endpoint = settings.find(ENDPOINT, ENDPOINT_ENV, API_URL_ENV);
        if (endpoint.isPresent()) {
            URI uri = EndpointUrl.parse(endpoint.get().value(), endpoint.get().key() + " (from " + endpoint.get().source() + ")");
            return withOutputsIfAny(stage, region, stack, uri, endpoint.get().source());
        }

        Optional<Path> file = outputsFile(stage);
        if (file.isPresent() && Files.isRegularFile(file.get())) {
            OutputsFile outputs = OutputsFile.read(file.get(), region);
            URI uri = outputs.endpoint() != null
                    ? EndpointUrl.parse(outputs.endpoint(), "endpoint in outputs file " + file.get())
                    : endpointFromOutputs(outputs.outputs(), endpointOutput, "outputs file " + file.get());
            return new StageContext(stage.map(Setting::value).orElse(outputs.stage()), uri, outputs.outputs(),
                    outputs.stackName(), outputs.region(), "outputs file " + file.get());
        }
        looked.add(file.map(f -> "outputs file " + f + stage.map(s -> " for " + s.describe()).orElse("") + " (not found)")
                .orElse("outputs file target/samstage/<env>/outputs.json (skipped: neither " + ENV + " nor " + ENV_ENV
                        + " names a stage, and " + OUTPUTS_FILE + " is not set)"));

        if (stack.isPresent()) {
            StackOutputs outputs = StackOutputs.read(stack.get(), region, awsEndpoint(), credentials.get());
            String origin = "CloudFormation stack " + stack.get().describe();
            URI uri = endpointFromOutputs(outputs.outputs(), endpointOutput, origin);
            return new StageContext(stage.map(Setting::value).orElse(null), uri, outputs.outputs(),
                    outputs.stackName(), outputs.region(), origin);
        }
        looked.add("CloudFormation stack outputs (skipped: neither " + STACK_NAME + " nor " + STACK_NAME_ENV + " is set)");

        throw new StageConfigurationException("No endpoint for the stage under test. Looked in: " + String.join("; ", looked)
                + ". Set -D" + ENDPOINT + "=<invoke URL>, or deploy with mvn samstage:deploy -Denv=<env> and pass -D" + ENV
                + "=<env>, or pass -D" + STACK_NAME + "=<stack>.");
    }

    /**
     * Where the stage's functions are invoked, looked for without the API's endpoint: the Lambda
     * endpoint ({@code samstage.lambdaEndpoint}), the outputs file (its {@code lambdaEndpoint}, else
     * its stack), then {@code samstage.stackName}.
     */
    FunctionTarget functions() {
        Optional<Setting> region = region();
        Optional<Setting> lambda = settings.find(LAMBDA_ENDPOINT, LAMBDA_ENDPOINT_ENV);
        if (lambda.isPresent()) {
            return new FunctionTarget(EndpointUrl.parse(lambda.get().value(), lambda.get().describe()), null,
                    region.map(Setting::value).orElse(null), lambda.get().source());
        }
        Optional<Setting> stage = settings.find(ENV, ENV_ENV);
        Optional<Path> file = outputsFile(stage);
        if (file.isPresent() && Files.isRegularFile(file.get())) {
            OutputsFile outputs = OutputsFile.read(file.get(), region);
            if (outputs.lambdaEndpoint() != null) {
                return new FunctionTarget(EndpointUrl.parse(outputs.lambdaEndpoint(), "lambdaEndpoint in outputs file " + file.get()),
                        null, region.map(Setting::value).orElse(null), "outputs file " + file.get());
            }
            if (outputs.stackName() != null) {
                return new FunctionTarget(null, outputs.stackName(), outputs.region(), "outputs file " + file.get());
            }
        }
        Optional<Setting> stack = settings.find(STACK_NAME, STACK_NAME_ENV);
        if (stack.isPresent()) {
            return new FunctionTarget(null, stack.get().value(), region.map(Setting::value).orElse(null), stack.get().source());
        }
        throw new StageConfigurationException("No way to invoke the stage's functions. Looked in: "
                + String.join("; ", settings.places(LAMBDA_ENDPOINT, LAMBDA_ENDPOINT_ENV)) + "; "
                + file.map(f -> "outputs file " + f + (Files.isRegularFile(f) ? " (no lambdaEndpoint, no stackName)" : " (not found)"))
                        .orElse("outputs file target/samstage/<env>/outputs.json (skipped: neither " + ENV + " nor " + ENV_ENV
                                + " names a stage)")
                + "; " + String.join("; ", settings.places(STACK_NAME, STACK_NAME_ENV))
                + ". Run the suite with mvn deploy-stage -Denv=<env>, or pass -D" + STACK_NAME + "=<stack> for a deployed stage,"
                + " or -D" + LAMBDA_ENDPOINT + "=<url> for a local Lambda endpoint (e.g. sam local start-lambda's).");
    }

    /** samstage.region, then AWS_REGION, then AWS_DEFAULT_REGION. */
    Optional<Setting> region() {
        return settings.find(REGION, REGION_ENV, DEFAULT_REGION_ENV);
    }

    private Optional<Setting> awsEndpoint() {
        return settings.find(AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_ENV);
    }

    private Optional<Path> outputsFile(Optional<Setting> stage) {
        Optional<Setting> explicit = settings.find(OUTPUTS_FILE);
        Path base = settings.find(PROJECT_DIR)
                .map(dir -> settings.runtime().workingDirectory().resolve(dir.value()))
                .orElse(settings.runtime().workingDirectory());
        if (explicit.isPresent()) {
            return Optional.of(base.resolve(explicit.get().value()).toAbsolutePath().normalize());
        }
        return stage.map(s -> base.resolve("target").resolve("samstage").resolve(s.value()).resolve("outputs.json")
                .toAbsolutePath().normalize());
    }

    /**
     * With the endpoint given directly, outputs still come from the stage's outputs file when
     * there is one, or from the stack when one is named, so {@code @StageOutput} works too.
     */
    private StageContext withOutputsIfAny(Optional<Setting> stage, Optional<Setting> region, Optional<Setting> stack,
                                          URI endpoint, String source) {
        Optional<Path> file = outputsFile(stage);
        if (file.isPresent() && Files.isRegularFile(file.get())) {
            OutputsFile outputs = OutputsFile.read(file.get(), region);
            return new StageContext(stage.map(Setting::value).orElse(outputs.stage()), endpoint, outputs.outputs(),
                    outputs.stackName(), outputs.region(), source);
        }
        if (stack.isPresent()) {
            StackOutputs outputs = StackOutputs.read(stack.get(), region, awsEndpoint(), credentials.get());
            return new StageContext(stage.map(Setting::value).orElse(null), endpoint, outputs.outputs(),
                    outputs.stackName(), outputs.region(), source);
        }
        return new StageContext(stage.map(Setting::value).orElse(null), endpoint, Map.of(), null,
                region.map(Setting::value).orElse(null), source);
    }

    private URI endpointFromOutputs(Map<String, String> outputs, Setting outputName, String origin) {
        String value = outputs.get(outputName.value());
        if (value == null) {
            throw new StageConfigurationException(origin + " has no endpoint and no output " + outputName.value()
                    + " (outputs: " + (outputs.isEmpty() ? "none" : String.join(", ", outputs.keySet()))
                    + "); name the output holding the invoke URL with -D" + ENDPOINT_OUTPUT + "=<output>");
        }
        // deployed to an emulator, the stage answers on the emulator's data plane, not on AWS's host
        Optional<Setting> emulator = awsEndpoint();
        String url = emulator.isPresent()
                ? EmulatorApiUrl.on(EndpointUrl.parse(emulator.get().value(), emulator.get().describe()), value) : value;
        return EndpointUrl.parse(url, "output " + outputName.value() + " of " + origin);
    }
}
