package dev.samstage.lambda.runtime.bridge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * An {@link ObjectMapper} configured like the Lambda Java runtime's POJO serializer
 * ({@code aws-lambda-java-serialization}'s {@code JacksonFactory}): standard bean naming,
 * no creator detection, unknown properties ignored, single values accepted as arrays,
 * empty strings as null objects, nulls left out of the output.
 *
 * <p>Only calls that exist across Jackson 2.x are used, because this runs against the
 * function's own Jackson version.
 */
public final class LambdaObjectMapper {

    private LambdaObjectMapper() {
    }

    @SuppressWarnings("deprecation") // the configure(MapperFeature, ..) form works on every 2.x
    public static ObjectMapper create() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.configure(MapperFeature.USE_STD_BEAN_NAMING, true);
        mapper.configure(MapperFeature.AUTO_DETECT_CREATORS, false);
        mapper.configure(MapperFeature.INFER_PROPERTY_MUTATORS, false);
        mapper.configure(MapperFeature.USE_GETTERS_AS_SETTERS, false);
        mapper.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);
        mapper.configure(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT, true);
        mapper.configure(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT, true);
        mapper.configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);
        mapper.configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return mapper;
    }
}
