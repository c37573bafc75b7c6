package dev.publicsafety.dal.fleet;

/** A {@link TransactionWork} without a result, for {@link FleetDatabase#execute}. */
@FunctionalInterface
public interface TransactionAction {

    void run(FleetTransaction tx);
}
