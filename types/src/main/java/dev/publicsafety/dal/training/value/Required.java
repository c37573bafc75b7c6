package dev.publicsafety.dal.training.value;

import java.util.List;

/** Checks shared by the scenario value types; each message names the JSON property. */
final class Required {

    private Required() {
    }

    static void value(Object value, String property) {
        if (value == null) {
            throw new InvalidValueException(property, "is required");
        }
    }

    static void text(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(property, "is required and must not be blank");
        }
    }

    static <T> List<T> nonEmpty(List<T> values, String property) {
        if (values == null || values.isEmpty()) {
            throw new InvalidValueException(property, "must have at least one item");
        }
        return List.copyOf(values);
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** An optional list: absent stays null, so a value keeps the shape it was written in. */
    static <T> List<T> optional(List<T> values) {
        return values == null ? null : List.copyOf(values);
    }
}
