package dev.publicsafety.dal.fleet.policy;

import dev.publicsafety.dal.error.InvalidInputException;

/** Policy YAML that does not parse or does not have the shape of a rule set; says what and where. */
public final class InvalidPolicyException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final String policy;
    private final int line;
    private final int column;

    InvalidPolicyException(String policy, String problem, int line, int column, Throwable cause) {
        super("rules", "policy '" + policy + "': " + problem + (line > 0 ? " (line " + line + ", column " + column + ")" : ""), cause);
        this.policy = policy;
        this.line = line;
        this.column = column;
    }

    public String policy() {
        return policy;
    }

    /** 1-based line of the problem in the YAML, or 0 if it concerns the document as a whole. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
