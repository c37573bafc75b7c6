package dev.publicsafety.dal.jsonb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper.Builder;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one {@link ObjectMapper} of the data layer, used by every typed JSONB column and by the
 * seeder. JSON is snake_case, as the systems it replaces wrote it; dates are ISO-8601 strings.
 * Reading is strict, because the shapes are ours: an unknown property, a number where text belongs
 * or an unknown enum label is an error, not silently dropped data; the value types check their
 * required properties in their constructors. jOOQ-generated enums read and write their database
 * labels ({@code "operator"}, not {@code "OPERATOR"}).
 */
public final class JsonMapper {

    private static final ObjectMapper MAPPER = builder().build();

    private JsonMapper() {
    }

    /** The shared, configured mapper. Do not reconfigure it; {@link #builder()} gives a copy to change. */
    public static ObjectMapper shared() {
        return MAPPER;
    }

    /** A builder preconfigured like {@link #shared()}, for callers that need a variant. */
    public static Builder builder() {
        return com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new JooqEnumModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }
}
