package dev.samstage.testkit;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The stage a test class runs against: its name, its API endpoint and its stack outputs.
 * Inject it as a test or lifecycle method parameter of a {@link StageTest} class.
 *
 * <p>Immutable and safe to share between threads. It holds no credentials.</p>
 */
public final class StageContext {

    private final String stage;
    private final URI endpoint;
    private final Map<String, String> outputs;
    private final String stackName;
    private final String region;
    private final String source;

    StageContext(String stage, URI endpoint, Map<String, String> outputs, String stackName, String region, String source) {
        this.stage = stage;
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(outputs, "outputs")));
        this.stackName = stackName;
        this.region = region;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The stage name ({@code samstage.env}, or the outputs file's {@code stage}), if known. */
    public Optional<String> stage() {
        return Optional.ofNullable(stage);
    }

    /** The API's invoke URL every request specification starts from. */
    public URI endpoint() {
        return endpoint;
    }

    /** The stack outputs by name (from the outputs file or CloudFormation); empty when none were found. */
    public Map<String, String> outputs() {
        return outputs;
    }

    /** One stack output by name. */
    public Optional<String> output(String name) {
        return Optional.ofNullable(outputs.get(name));
    }

    /** The CloudFormation stack behind the stage, if known. */
    public Optional<String> stackName() {
        return Optional.ofNullable(stackName);
    }

    /** The stage's AWS region, if known. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** Where the endpoint was found, e.g. {@code system property samstage.endpoint}. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "StageContext[stage=" + stage + ", endpoint=" + endpoint + ", from " + source
                + ", outputs=" + outputs.keySet() + "]";
    }
}
