package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.error.InvalidInputException;

/**
 * Where a keyset page ended: an opaque, URL-safe token that encodes the sort key of the last row
 * returned (for example {@code (started_at, id)} of a transmission). Hand it back in
 * {@link PageRequest#after(Cursor, int)} to get the rows that follow; the query then seeks past that
 * key instead of counting rows with OFFSET, so a page costs the same however deep it is and rows
 * inserted meanwhile never shift or duplicate results. A cursor is only valid for the query that
 * produced it.
 */
public record Cursor(String token) {

    public Cursor {
        if (token == null || token.isBlank()) {
            throw new InvalidInputException("token", "a cursor token must not be empty");
        }
    }

    /** Reads a token that {@link #toString()} produced, e.g. from an API query parameter. */
    public static Cursor parse(String token) {
        return new Cursor(token);
    }

    @Override
    public String toString() {
        return token;
    }
}
