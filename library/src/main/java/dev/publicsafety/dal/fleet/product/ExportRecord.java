package dev.publicsafety.dal.fleet.product;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.jsonb.JsonMapper;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One object of an export file, read field by field; a field that is missing or of the wrong kind
 * is a {@link Refused} naming it.
 */
final class ExportRecord {

    /** A field of this record is refused; {@link #refusal} says where. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String field;

        Refused(String field, String problem) {
            super(problem, null, false, false);
            this.field = field;
        }
    }

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    final String file;
    final int index;
    final JsonNode node;

    ExportRecord(String file, int index, JsonNode node) {
        this.file = file;
        this.index = index;
        this.node = node;
    }

    ImportRefusal refusal(String field, String problem) {
        JsonNode id = node.get("id");
        return new ImportRefusal(file, index, id != null && id.isTextual() ? id.asText() : null, field, problem);
    }

    /** Refuses keys the product's response shape does not have (a typo, another product's export). */
    void onlyKeys(Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new Refused(name, "unknown key; this record type has " + new TreeSet<>(known));
            }
        }
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    String text(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw new Refused(field, "required");
        }
        return value;
    }

    String optionalText(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Refused(field, "must be a string, was " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return value.asText();
    }

    UUID uuid(String field) {
        UUID value = optionalUuid(field);
        if (value == null) {
            throw new Refused(field, "required");
        }
        return value;
    }

    UUID optionalUuid(String field) {
        return uuidOf(field, optionalText(field));
    }

    static UUID uuidOf(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(text);
            if (!id.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new Refused(field, "'" + text + "' is not a UUID");
        }
    }

    OffsetDateTime optionalTime(String field) {
        String text = optionalText(field);
        try {
            return text == null ? null : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refused(field, "'" + text + "' is not a time with an offset, e.g. 2026-03-01T08:15:00Z");
        }
    }

    OffsetDateTime time(String field) {
        OffsetDateTime value = optionalTime(field);
        if (value == null) {
            throw new Refused(field, "required");
        }
        return value;
    }

    boolean bool(String field, boolean absent) {
        JsonNode value = present(field);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new Refused(field, "must be true or false");
        }
        return value.asBoolean();
    }

    Integer optionalInt(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new Refused(field, "must be a whole number");
        }
        return value.asInt();
    }

    Double optionalNumber(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw new Refused(field, "must be a number");
        }
        return value.asDouble();
    }

    List<String> texts(String field) {
        JsonNode value = present(field);
        List<String> texts = new ArrayList<>();
        if (value == null) {
            return texts;
        }
        if (!value.isArray()) {
            throw new Refused(field, "must be an array of strings");
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new Refused(field + "[" + i + "]", "must be a string");
            }
            texts.add(value.get(i).asText());
        }
        return texts;
    }

    Map<String, Object> object(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new Refused(field, "must be an object");
        }
        return JsonMapper.shared().convertValue(value, MAP);
    }

    JsonNode optionalNode(String field) {
        return present(field);
    }

    /** One of {@code values}' keys (case-insensitive, as the product accepts them), mapped to ours. */
    <T> T oneOf(String field, Map<String, T> values, String absent) {
        String text = optionalText(field);
        if (text == null) {
            if (absent == null) {
                throw new Refused(field, "required; one of " + values.keySet());
            }
            text = absent;
        }
        for (Map.Entry<String, T> value : values.entrySet()) {
            if (value.getKey().equalsIgnoreCase(text)) {
                return value.getValue();
            }
        }
        throw new Refused(field, "'" + text + "' is not one of " + values.keySet());
    }

    /**
     * Builds one of our values; its validation refusing the product's value names the product's
     * field it complains about when the record has one of that name, else {@code field}.
     */
    <T> T checked(String field, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidInputException invalid) {
            String named = invalid.field() != null && node.has(invalid.field()) ? invalid.field() : field;
            throw new Refused(named, invalid.getMessage());
        }
    }
}
