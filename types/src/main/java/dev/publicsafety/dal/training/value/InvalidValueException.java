package dev.publicsafety.dal.training.value;

import dev.publicsafety.dal.error.InvalidInputException;

/**
 * A scenario value breaks a rule; {@link #field()} is the JSON path relative to the value being
 * built (e.g. {@code expected_dialogue_flow[3].step}), so a file validator can point at the exact
 * line, and {@link #problem()} says what is wrong without it.
 */
public final class InvalidValueException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final String problem;

    public InvalidValueException(String path, String problem) {
        super(path, path + " " + problem);
        this.problem = problem;
    }

    /** What is wrong, without the path. */
    public String problem() {
        return problem;
    }
}
