package dev.publicsafety.dal.migration;

/**
 * What a caller agreed to lose when it undoes or cleans a schema. Without consent, an undo or clean
 * that would drop a table or column holding rows is refused and changes nothing; the audit trail
 * needs its own consent on top, so one {@code --yes} typed by habit cannot erase it.
 */
public record DropConsent(boolean dropData, boolean dropAuditTrail) {

    /** Only changes that lose no row: the default of every call that does not say otherwise. */
    public static final DropConsent NONE = new DropConsent(false, false);
    /** Rows may be dropped, but not an audit trail that holds any. */
    public static final DropConsent DATA = new DropConsent(true, false);
    /** Everything, the audit trail included. */
    public static final DropConsent DATA_AND_AUDIT_TRAIL = new DropConsent(true, true);

    /** Throws, naming what would be lost, unless this consent covers {@code plan}. */
    public void check(DropPlan plan) {
        if (plan.auditRowsLost() > 0 && !dropAuditTrail) {
            throw new DataLossRefusedException(plan, "it would drop the audit trail of " + plan.domain().schema()
                    + " (" + rows(plan.auditRowsLost()) + "); back it up, then confirm with --yes --drop-audit-trail");
        }
        if (plan.rowsLost() > 0 && !dropData) {
            throw new DataLossRefusedException(plan, "it would drop " + rows(plan.rowsLost()) + " of " + plan.domain().schema()
                    + "; back up first (pg_dump), then confirm with --yes, or see what would go with --dry-run");
        }
    }

    private static String rows(long rows) {
        return rows + (rows == 1 ? " row" : " rows");
    }
}
