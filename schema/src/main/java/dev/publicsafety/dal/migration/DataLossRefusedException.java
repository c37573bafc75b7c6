package dev.publicsafety.dal.migration;

/** An undo or clean was refused because it would drop rows it had no consent to drop; nothing changed. */
public final class DataLossRefusedException extends MigrationException {

    private final transient DropPlan plan;

    DataLossRefusedException(DropPlan plan, String reason) {
        super("refused, nothing changed: " + reason);
        this.plan = plan;
    }

    /** What the refused change would have dropped. */
    public DropPlan plan() {
        return plan;
    }
}
