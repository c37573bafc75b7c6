package dev.publicsafety.dal.fleet.policy;

import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What policies are evaluated against: the facts of one transmission or incident by name, e.g.
 * {@code priority}, {@code incident_type}, {@code transcript}, {@code channel}, {@code tags} (a list),
 * {@code entities} (a mapping of category to list, the product's shape), {@code timestamp} (an
 * {@code OffsetDateTime}). A condition's field is a path: {@code entities.incident_codes} is the
 * {@code incident_codes} entry of {@code entities}; {@code timestamp.hour} and {@code timestamp.minute}
 * are parts of a date-time. A fact may be null.
 */
public record PolicyFacts(Map<String, Object> fields) {

    public PolicyFacts {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static PolicyFacts of(Map<String, ?> fields) {
        return new PolicyFacts(new LinkedHashMap<>(fields));
    }

    /** The fact at {@code path}, or null when there is none. A key that itself contains dots is found first. */
    public Object value(String path) {
        if (fields.containsKey(path)) {
            return fields.get(path);
        }
        Object current = fields;
        for (String part : path.split("\\.", -1)) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else if (current instanceof TemporalAccessor time && part.equals("hour")) {
                current = time.get(ChronoField.HOUR_OF_DAY);
            } else if (current instanceof TemporalAccessor time && part.equals("minute")) {
                current = time.get(ChronoField.MINUTE_OF_HOUR);
            } else {
                return null;
            }
        }
        return current;
    }
}
