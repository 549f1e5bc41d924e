package dev.samstage.testing;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The text of a SAM template for tests, as a user writes one: the format version, the SAM
 * transform, then resources in the order added. For example
 * {@code SamTemplate.sam().function("Fn", "code", "app.handler", "python3.12").yaml()}.
 * Sections other than Resources (Globals, Parameters) are written out by the tests that need them.
 */
public final class SamTemplate {

    private static final String HEAD = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";
    private static final String PROPERTY = " ".repeat(6);

    private final StringBuilder resources = new StringBuilder();
    private boolean eventsOpen;

    private SamTemplate() {
    }

    /** A template with no resources yet. */
    public static SamTemplate sam() {
        return new SamTemplate();
    }

    /** Adds an {@code AWS::Serverless::Function} with its code, handler and runtime. */
    public SamTemplate function(String name, String codeUri, String handler, String runtime) {
        return resource(name, "AWS::Serverless::Function", "CodeUri: " + codeUri, "Handler: " + handler, "Runtime: " + runtime);
    }

    /**
     * Adds a resource of {@code type} with these properties, each YAML as it stands under
     * {@code Properties:} (lines after a property's first are indented relative to it).
     */
    public SamTemplate resource(String name, String type, String... properties) {
        resources.append("  ").append(name).append(":\n    Type: ").append(type).append('\n');
        if (properties.length > 0) {
            resources.append("    Properties:\n");
        }
        eventsOpen = false;
        return with(properties);
    }

    /** More properties of the resource added last; before its events. */
    public SamTemplate with(String... properties) {
        if (eventsOpen) {
            throw new IllegalStateException("add properties before the events of a function");
        }
        resources.append(Arrays.stream(properties).map(SamTemplate::asProperty).collect(Collectors.joining()));
        return this;
    }

    /** An {@code Api} event of the function added last: API Gateway routes {@code method path} to it. */
    public SamTemplate api(String event, String path, String method) {
        if (!eventsOpen) {
            resources.append(PROPERTY).append("Events:\n");
            eventsOpen = true;
        }
        resources.append(asProperty("  " + event + ":\n    Type: Api\n    Properties:\n      Path: " + path
                + "\n      Method: " + method));
        return this;
    }

    /** The template's YAML text. */
    public String yaml() {
        return HEAD + "Resources:\n" + resources;
    }

    @Override
    public String toString() {
        return yaml();
    }

    private static String asProperty(String yaml) {
        return yaml.lines().map(line -> PROPERTY + line + "\n").collect(Collectors.joining());
    }
}
