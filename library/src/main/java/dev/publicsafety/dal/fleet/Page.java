package dev.publicsafety.dal.fleet;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list.
 *
 * @param items the rows of this page, in the list's order
 * @param next  where to continue, or {@code null} when this is the last page
 * @param size  the page size that was requested
 */
public record Page<T>(List<T> items, Cursor next, int size) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return next != null;
    }

    /** The request for the following page, of the same size, if there is one. */
    public Optional<PageRequest> nextRequest() {
        return next == null ? Optional.empty() : Optional.of(PageRequest.after(next, size));
    }

    public <U> Page<U> map(Function<? super T, ? extends U> mapper) {
        return new Page<>(items.stream().<U>map(mapper).toList(), next, size);
    }
}
