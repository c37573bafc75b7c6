package dev.publicsafety.dal.fleet.audit;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * One recorded verification of the audit hash chains (fleet V13): when it ran (server time, the
 * start of its transaction), the database role that ran it, the organization it was limited to (empty:
 * every one), how many organizations' chains and audit rows it read, and, unless every chain was
 * intact, the first broken chain's organization, the row at its broken link (when the break is at a
 * row) and the link as {@code dal audit verify} prints it.
 */
public record AuditVerification(OffsetDateTime verifiedAt, String verifiedBy, Optional<UUID> scope, int organizations,
                                long rowsChecked, Optional<UUID> brokenOrg, Optional<UUID> brokenRow,
                                Optional<String> brokenLink) {

    public boolean intact() {
        return brokenLink.isEmpty();
    }
}
