package dev.publicsafety.dal.migration;

/** A migration or undo could not be carried out; the message says what to do about it. */
public class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
