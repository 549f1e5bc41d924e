package dev.samstage.testing.aws;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.local.LocalStage;
import dev.samstage.core.local.LocalStageRequest;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateFormat;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateResource;
import dev.samstage.core.template.TemplateScalar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The API of a stack deployed to the local AWS, served from the code that was uploaded.
 *
 * <p>moto never serves a stage's execute-api URL. So that a test can still run a suite
 * against what a deployment really put in place, this reads the template the stack was
 * deployed from ({@code GetTemplate} with {@code TemplateStage=Original}: the packaged SAM
 * template), downloads each function's code object named by its {@code CodeUri}
 * ({@code s3://bucket/key} or {@code {Bucket, Key, Version}}, its own or from
 * {@code Globals.Function}) from the local S3, points {@code CodeUri} at the downloaded
 * archive and runs the result in the local stage emulator ({@link LocalStage}) with the
 * stack's parameter values. Nothing is read from the project's working copy.</p>
 */
public final class DeployedApi implements AutoCloseable {

    private static final String FUNCTION = "AWS::Serverless::Function";

    private final LocalStage stage;
    private final Path dir;
    private final Path template;
    private final Map<String, String> functionCode;

    private DeployedApi(LocalStage stage, Path dir, Path template, Map<String, String> functionCode) {
        this.stage = stage;
        this.dir = dir;
        this.template = template;
        this.functionCode = Map.copyOf(functionCode);
    }

    /**
     * Serves the API of {@code stackName}.
     *
     * @param stageAccount clients acting in the account and region the stack was deployed to
     * @param stackName    the deployed stack
     * @param stageName    the API stage handlers see in {@code requestContext.stage} (SAM's implicit API: {@code Prod})
     * @param listener     receives the local stage's events
     * @throws IllegalStateException when the stack does not exist or a function's code is not an S3 object
     */
    public static DeployedApi serve(AwsClientFactory stageAccount, String stackName, String stageName,
                                    StageListener listener) {
        Path dir;
        try {
            dir = Files.createTempDirectory("samstage-deployed-api-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (CloudFormationClient cfn = stageAccount.cloudFormation(); S3Client s3 = stageAccount.s3()) {
            Stack stack = cfn.describeStacks(r -> r.stackName(stackName)).stacks().get(0);
            String text = cfn.getTemplate(r -> r.stackName(stackName).templateStage(TemplateStage.ORIGINAL)).templateBody();
            TemplateFormat format = text.stripLeading().startsWith("{") ? TemplateFormat.JSON : TemplateFormat.YAML;
            Template deployed = Template.parse(text, format, "template of stack " + stackName);
            Map<String, String> code = new LinkedHashMap<>();
            Optional<TemplateNode> globalCode = deployed.globals("Function").flatMap(g -> g.get("CodeUri"));
            for (TemplateResource function : deployed.resourcesOfType(FUNCTION)) {
                TemplateNode codeUri = function.property("CodeUri").or(() -> globalCode).orElseThrow(() ->
                        new IllegalStateException("Function " + function.logicalId() + " of stack " + stackName
                                + " has no CodeUri; was the template packaged?"));
                S3Object object = S3Object.of(codeUri, function.logicalId(), stackName);
                String file = function.logicalId() + ".zip";
                s3.getObject(r -> r.bucket(object.bucket()).key(object.key()).versionId(object.version()),
                        ResponseTransformer.toFile(dir.resolve(file)));
                function.setProperty("CodeUri", TemplateScalar.string(file));
                code.put(function.logicalId(), object.uri());
            }
            Path template = dir.resolve(format == TemplateFormat.JSON ? "template.json" : "template.yaml");
            deployed.write(template);
            Map<String, String> parameters = new LinkedHashMap<>();
            stack.parameters().forEach(p -> parameters.put(p.parameterKey(),
                    p.resolvedValue() != null ? p.resolvedValue() : p.parameterValue()));
            LocalStage stage = LocalStage.start(new LocalStageRequest(template, List.of(), stageName, 0, parameters), listener);
            return new DeployedApi(stage, dir, template, code);
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** Where the deployed API answers, with a trailing slash (stands for the stage's execute-api URL). */
    public URI endpoint() {
        return stage.endpoint();
    }

    /** The code served per function: logical id to the {@code s3://} object it was downloaded from. */
    public Map<String, String> functionCode() {
        return functionCode;
    }

    /** The deployed template as served: CodeUri pointing at the downloaded archives. */
    public Path template() {
        return template;
    }

    @Override
    public void close() {
        stage.close();
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory does not change any test's outcome
        }
    }

    /** A function's code object, from either form of CodeUri. */
    private record S3Object(String bucket, String key, String version) {

        static S3Object of(TemplateNode codeUri, String function, String stackName) {
            if (codeUri instanceof TemplateScalar scalar && scalar.text().startsWith("s3://")) {
                String path = scalar.text().substring("s3://".length());
                int slash = path.indexOf('/');
                if (slash > 0) {
                    return new S3Object(path.substring(0, slash), path.substring(slash + 1), null);
                }
            }
            if (codeUri instanceof TemplateMap map && map.getString("Bucket").isPresent() && map.getString("Key").isPresent()) {
                return new S3Object(map.getString("Bucket").get(), map.getString("Key").get(),
                        map.getString("Version").orElse(null));
            }
            throw new IllegalStateException("Function " + function + " of stack " + stackName + " has CodeUri " + codeUri
                    + ", not an S3 object; deploy a packaged template");
        }

        String uri() {
            return "s3://" + bucket + "/" + key + (version == null ? "" : "?versionId=" + version);
        }
    }
}
