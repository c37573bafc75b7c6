package dev.publicsafety.dal.fleet.audit;

import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_VERIFICATIONS;

import dev.publicsafety.dal.fleet.audit.AuditChainVerifier.Result;
import dev.publicsafety.dal.generated.fleet.tables.records.AuditVerificationsRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The verifications of the audit hash chains, as {@link AuditChainVerifier} records them in
 * {@code fleet.audit_verifications} (fleet V13). Fleet-wide, not a tenant's: the owner writes them,
 * and a role {@code dal grant-app-role} granted reads them (for the Spring Boot starter's endpoint).
 * The table is not tamper-evident: the owner can change or delete its rows.
 */
public final class AuditVerifications {

    private final DataSource dataSource;

    public AuditVerifications(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The verification recorded last (by its server time, then its order of insertion), or empty if none was. */
    public Optional<AuditVerification> latest() {
        try (Connection connection = dataSource.getConnection()) {
            return DSL.using(connection, SQLDialect.POSTGRES).selectFrom(AUDIT_VERIFICATIONS)
                    .orderBy(AUDIT_VERIFICATIONS.VERIFIED_AT.desc(), AUDIT_VERIFICATIONS.ID.desc())
                    .limit(1).fetchOptional(AuditVerifications::of);
        } catch (SQLException e) {
            throw new DataAccessException("cannot read fleet.audit_verifications: " + e.getMessage(), e);
        }
    }

    /**
     * Adds one row for a verification of {@code scope} that gave {@code results}, in {@code dsl}'s
     * transaction; false, and nothing written, on a database whose fleet is below V13 (no such table).
     */
    static boolean record(DSLContext dsl, Optional<UUID> scope, List<Result> results) {
        // to_regclass: no error for a missing table, which would abort the verification's transaction
        if (dsl.fetchValue(DSL.function(DSL.name("pg_catalog", "to_regclass"), Object.class,
                DSL.inline(AUDIT_VERIFICATIONS.getSchema().getName() + "." + AUDIT_VERIFICATIONS.getName()))) == null) {
            return false;
        }
        Optional<Result> broken = results.stream().filter(result -> !result.intact()).findFirst();
        dsl.insertInto(AUDIT_VERIFICATIONS)
                .set(AUDIT_VERIFICATIONS.SCOPE_ORG_ID, scope.orElse(null))
                .set(AUDIT_VERIFICATIONS.ORGANIZATIONS, results.size())
                .set(AUDIT_VERIFICATIONS.ROWS_CHECKED, results.stream().mapToLong(Result::rows).sum())
                .set(AUDIT_VERIFICATIONS.INTACT, broken.isEmpty())
                .set(AUDIT_VERIFICATIONS.BROKEN_ORG_ID, broken.map(Result::org).orElse(null))
                .set(AUDIT_VERIFICATIONS.BROKEN_ROW_ID, broken.flatMap(Result::brokenRow).orElse(null))
                .set(AUDIT_VERIFICATIONS.BROKEN_LINK, broken.flatMap(Result::brokenLink).orElse(null))
                .execute();
        return true;
    }

    private static AuditVerification of(AuditVerificationsRecord r) {
        return new AuditVerification(r.getVerifiedAt(), r.getVerifiedBy(), Optional.ofNullable(r.getScopeOrgId()),
                r.getOrganizations(), r.getRowsChecked(), Optional.ofNullable(r.getBrokenOrgId()),
                Optional.ofNullable(r.getBrokenRowId()), Optional.ofNullable(r.getBrokenLink()));
    }
}
