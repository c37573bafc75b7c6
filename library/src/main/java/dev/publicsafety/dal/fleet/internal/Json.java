package dev.publicsafety.dal.fleet.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.jsonb.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.JSONB;

/** Free-form JSONB columns ({@code metadata}, {@code source_config}, {@code telematics}) as plain maps. */
public final class Json {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private static final JSONB EMPTY = JSONB.valueOf("{}");

    private Json() {
    }

    public static JSONB of(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return EMPTY; // most bulk-ingested rows carry no metadata; no serializer call per row
        }
        try {
            return JSONB.valueOf(JsonMapper.shared().writeValueAsString(map));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("metadata", "cannot write " + map + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, Object> toMap(JSONB jsonb) {
        if (jsonb == null) {
            return Map.of();
        }
        try {
            return java.util.Collections.unmodifiableMap(JsonMapper.shared().readValue(jsonb.data(), MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSONB value is not an object: " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode tree(JSONB jsonb) {
        try {
            return JsonMapper.shared().readTree(jsonb.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invalid JSONB from the database: " + e.getOriginalMessage(), e);
        }
    }
}
