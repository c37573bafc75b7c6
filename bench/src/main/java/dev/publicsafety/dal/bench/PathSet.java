package dev.publicsafety.dal.bench;

import java.util.List;

/** The paths one {@link Interleaved} measurement alternates, baseline first, with the data they share. */
interface PathSet extends AutoCloseable {

    List<Interleaved.Path> paths();

    /** Runs before each round, untimed: e.g. empties the table the paths load into. */
    default void beforeRound() throws Exception {
    }

    @Override
    void close() throws Exception;
}
