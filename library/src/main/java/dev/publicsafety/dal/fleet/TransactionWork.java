package dev.publicsafety.dal.fleet;

/**
 * A unit of work run in one tenant transaction. It may run more than once (see
 * {@link FleetDatabase#inTransaction}), so it must not have effects outside the database (sending
 * mail, calling webhooks, publishing events): do those after {@code inTransaction} returns.
 */
@FunctionalInterface
public interface TransactionWork<T> {

    T run(FleetTransaction tx);
}
