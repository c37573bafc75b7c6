package dev.publicsafety.dal.training;

/**
 * A unit of work run in one training transaction. It may run more than once (see
 * {@link TrainingDatabase#inTransaction}), so it must not have effects outside the database.
 */
@FunctionalInterface
public interface TrainingWork<T> {

    T run(TrainingTransaction tx);
}
