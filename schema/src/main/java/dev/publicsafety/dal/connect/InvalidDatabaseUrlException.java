package dev.publicsafety.dal.connect;

/**
 * A database URL that cannot be read. Its message shows the URL without its user-info part and
 * with control characters escaped, so it can be printed or logged as it is.
 */
public final class InvalidDatabaseUrlException extends IllegalArgumentException {

    InvalidDatabaseUrlException(String message) {
        super(message);
    }
}
