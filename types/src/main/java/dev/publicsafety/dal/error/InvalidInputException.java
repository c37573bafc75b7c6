package dev.publicsafety.dal.error;

/**
 * Input refused before anything was written; {@link #field()} names the field (a parameter, a
 * record component, or a JSON path such as {@code expected_dialogue_flow[3].step}) and the message
 * says what is wrong with it.
 */
public class InvalidInputException extends DalException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public InvalidInputException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The field that is wrong, in the names of the API or the JSON document (snake_case). */
    public String field() {
        return field;
    }
}
