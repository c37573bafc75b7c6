package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.error.InvalidInputException;

/**
 * Which page of a keyset-paginated list to fetch: the first, or the one after a {@link Cursor}.
 *
 * @param size  rows per page, 1 to {@value #MAX_SIZE}
 * @param after where the previous page ended, or {@code null} for the first page
 */
public record PageRequest(int size, Cursor after) {

    public static final int MAX_SIZE = 1000;

    public PageRequest {
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("size", "page size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
    }

    public static PageRequest first(int size) {
        return new PageRequest(size, null);
    }

    public static PageRequest after(Cursor cursor, int size) {
        if (cursor == null) {
            throw new InvalidInputException("cursor", "PageRequest.after needs a cursor; use PageRequest.first for the first page");
        }
        return new PageRequest(size, cursor);
    }
}
