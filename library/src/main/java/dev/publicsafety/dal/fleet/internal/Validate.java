package dev.publicsafety.dal.fleet.internal;

import dev.publicsafety.dal.error.InvalidInputException;

/** Checks of input shared by the value types; failures are {@link InvalidInputException}s naming the field. */
public final class Validate {

    private Validate() {
    }

    public static String text(String what, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(what, what + " is required");
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException(what, what + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    public static String optionalText(String what, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidInputException(what, what + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    public static int priority(String what, int priority) {
        if (priority < 1 || priority > 5) {
            throw new InvalidInputException("priority", what + " priority must be 1 (most urgent) to 5, was " + priority);
        }
        return priority;
    }
}
