package dev.publicsafety.dal.error;

/**
 * The change collides with data written by someone else: a unique key already taken (an
 * organization's slug, a scenario key) or a row changed since the caller read it. Nothing was
 * written; reload, decide, and try again.
 */
public class ConflictException extends DalException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
