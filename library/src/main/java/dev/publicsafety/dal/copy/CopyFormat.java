package dev.publicsafety.dal.copy;

/**
 * How {@link CopyIn} writes rows in one of COPY's formats. Values arrive already converted to
 * their database types (the fields' converters ran); the format buffers the bytes to send.
 */
interface CopyFormat {

    /** The {@code FORMAT} option of the COPY statement. */
    String option();

    void appendRow(Object[] databaseValues);

    /** Bytes (or, for text, characters) waiting to be sent. */
    int buffered();

    /** Takes the buffered bytes, leaving the buffer empty. */
    byte[] drain();

    /** Appends whatever must follow the last row. */
    void finish();
}
