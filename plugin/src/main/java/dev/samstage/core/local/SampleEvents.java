package dev.samstage.core.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The built-in sample events, in the spirit of {@code sam local generate-event}: each one is
 * shaped like the example in AWS's documentation of that event source, so the matching
 * {@code aws-lambda-java-events} type reads it. They live in the plugin jar under
 * {@code dev/samstage/events/<name>.json}.
 */
public final class SampleEvents {

    /**
     * {@code apigateway}: REST API Lambda proxy (payload 1.0); {@code http-api}: HTTP API payload
     * 2.0; {@code sqs}, {@code sns}, {@code s3} (object created), {@code eventbridge}: an
     * EventBridge event; {@code schedule}: an EventBridge scheduled event; {@code dynamodb}:
     * DynamoDB Streams records.
     */
    public static final List<String> NAMES = List.of(
        "apigateway", "http-api", "sqs", "sns", "s3", "eventbridge", "schedule", "dynamodb");

    private SampleEvents() {
    }

    /** The sample's JSON, or empty when no sample has that name. */
    public static Optional<byte[]> named(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = SampleEvents.class.getResourceAsStream("/dev/samstage/events/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("sample event " + name + " is missing from the plugin jar");
            }
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
