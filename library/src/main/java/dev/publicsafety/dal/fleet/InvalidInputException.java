package dev.publicsafety.dal.fleet;

/**
 * Input a repository refuses before writing anything: an invalid channel configuration, policy YAML
 * that does not parse or has the wrong shape, a malformed webhook URL. The message names what is
 * wrong and where.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
