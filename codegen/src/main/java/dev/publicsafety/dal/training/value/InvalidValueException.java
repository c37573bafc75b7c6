package dev.publicsafety.dal.training.value;

/**
 * A scenario value breaks a rule; {@link #path()} says where, relative to the value being built
 * (e.g. {@code expected_dialogue_flow[3].step}), so a file validator can point at the exact line.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    public InvalidValueException(String path, String problem) {
        super(path + " " + problem);
        this.path = path;
        this.problem = problem;
    }

    /** JSON path relative to the object whose constructor failed, in snake_case. */
    public String path() {
        return path;
    }

    /** What is wrong, without the path. */
    public String problem() {
        return problem;
    }
}
