package dev.publicsafety.dal.training;

import dev.publicsafety.dal.internal.Preamble;
import dev.publicsafety.dal.internal.UnitBounds;
import org.jooq.DSLContext;

/**
 * A training transaction's set-up (its lock and statement timeouts, read only for a read), sent with its first statement:
 * in the same flight when that is one of the rendered hot queries ({@link #take}), else on its own
 * just before it ({@link #dsl}). A repository built on a bare context has none.
 */
final class TrainingSetUp {

    private final DSLContext dsl;
    private Preamble pending;

    private TrainingSetUp(DSLContext dsl, Preamble pending) {
        this.dsl = dsl;
        this.pending = pending;
    }

    static TrainingSetUp bounded(DSLContext dsl, UnitBounds bounds) {
        return new TrainingSetUp(dsl, new Preamble("select " + bounds.selectItems(), new Object[0], row -> { }));
    }

    /** {@link #bounded}, read only: a write later in the transaction fails with SQLSTATE 25006. */
    static TrainingSetUp boundedReadOnly(DSLContext dsl, UnitBounds bounds) {
        return new TrainingSetUp(dsl, new Preamble("set transaction read only; select " + bounds.selectItems(), new Object[0], row -> { }));
    }

    /** For the repositories' public constructors: the caller's transaction, which sets its own bounds. */
    static TrainingSetUp none(DSLContext dsl) {
        return new TrainingSetUp(dsl, null);
    }

    /** The transaction's context, the set-up sent: for statements of any kind. */
    DSLContext dsl() {
        Preamble set = take();
        if (set != null) {
            set.run(dsl);
        }
        return dsl;
    }

    /** The context without sending anything, for a rendered query that carries {@link #take} in its flight. */
    DSLContext unsent() {
        return dsl;
    }

    /** The set-up if it is still to be sent, taken: whoever takes it sends it before any other statement. */
    Preamble take() {
        Preamble set = pending;
        pending = null;
        return set;
    }
}
