package dev.samstage.lambda.runtime.bridge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * The mapper for handler inputs of the {@code aws-lambda-java-events} types. AWS sends those
 * events with the service's own property names ({@code Records}, {@code Sns},
 * {@code eventSourceARN}, DynamoDB's {@code NewImage} and {@code S}, EventBridge's
 * {@code detail-type}); the Lambda Java runtime maps them onto the classes' bean properties
 * with per-type mix-ins ({@code aws-lambda-java-serialization}'s {@code LambdaEventSerializers})
 * and reads Joda {@code DateTime} fields from ISO-8601 text. Here names match regardless of
 * case, which covers most of those; mix-ins map EventBridge's {@code detail-type} and S3's
 * constructor-built classes ({@link S3EventMixins}).
 *
 * <p>Every class is looked up in the function's loader, so a function without Joda or without
 * the events library simply gets no extra handling for them.
 */
final class EventMapper {

    static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events.";

    private EventMapper() {
    }

    @SuppressWarnings("deprecation") // the configure(MapperFeature, ..) form works on every 2.x
    static ObjectMapper create(ClassLoader loader) {
        ObjectMapper mapper = LambdaObjectMapper.create();
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true);
        optional(loader, EVENTS_PACKAGE + "ScheduledEvent").ifPresent(type -> mapper.addMixIn(type, DetailTypeMixin.class));
        if (optional(loader, EVENTS_PACKAGE + "S3Event").isPresent()) {
            S3EventMixins.register(mapper);
        }
        optional(loader, "org.joda.time.DateTime").ifPresent(type -> {
            SimpleModule joda = new SimpleModule("samstage-joda");
            joda.addDeserializer(raw(type), new JodaDateTimeDeserializer(type));
            mapper.registerModule(joda);
        });
        return mapper;
    }

    static boolean isEventType(Class<?> type) {
        return type.getName().startsWith(EVENTS_PACKAGE);
    }

    private static java.util.Optional<Class<?>> optional(ClassLoader loader, String name) {
        try {
            return java.util.Optional.of(Class.forName(name, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> raw(Class<?> type) {
        return (Class<Object>) type;
    }

    /** EventBridge writes the detail type as {@code detail-type}. */
    abstract static class DetailTypeMixin {
        @JsonProperty("detail-type")
        abstract String getDetailType();

        @JsonProperty("detail-type")
        abstract void setDetailType(String detailType);
    }

    /** Reads an ISO-8601 timestamp with {@code DateTime.parse}, as the Lambda runtime's Joda module does. */
    static final class JodaDateTimeDeserializer extends JsonDeserializer<Object> {

        private final Class<?> type;

        JodaDateTimeDeserializer(Class<?> type) {
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return type.getMethod("parse", String.class).invoke(null, text);
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot read " + text + " as " + type.getName(), e);
            }
        }
    }
}
