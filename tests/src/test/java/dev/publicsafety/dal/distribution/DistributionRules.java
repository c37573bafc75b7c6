package dev.publicsafety.dal.distribution;

import dev.publicsafety.dal.migration.Domain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a distributed PostgreSQL sharded by {@code org_id} (Citus' {@code create_distributed_table(...,
 * 'org_id')}) requires of a schema, checked against the live catalog: every table but the reference
 * tables is a tenant table with a NOT NULL {@code org_id}; its primary key exists and, like every
 * unique constraint or unique index, includes {@code org_id}; every foreign key between tenant
 * tables pairs {@code org_id} with {@code org_id}; a tenant table refers to a reference table only
 * by {@code org_id}; and a reference table refers to no tenant table. The migration history stays
 * a local table of the coordinator and is not checked. Each broken rule is one line
 * naming the table and the constraint.
 */
final class DistributionRules {

    /** Tables copied whole to every node (Citus reference tables): keyed by their own id, no org_id. */
    static final Set<String> REFERENCE_TABLES = Set.of("organizations");

    /**
     * Tables left on the coordinator alone: the migration history, written only by migrations, and
     * the audit chain's verifications (fleet V13), each of which covers every organization.
     */
    static final Set<String> LOCAL_TABLES = Set.of(Domain.HISTORY_TABLE, "audit_verifications");

    private DistributionRules() {
    }

    static List<String> violations(Connection connection, String schema) throws SQLException {
        List<String> problems = new ArrayList<>();
        String referenceTables = array(REFERENCE_TABLES);
        String tables = """
                SELECT c.oid, c.relname, c.relname = ANY (%s) AS reference
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                   AND c.relname <> ALL (%s)""".formatted(referenceTables, array(LOCAL_TABLES));
        collect(connection, schema, problems, """
                WITH t AS (%s)
                SELECT 'tenant table ' || t.relname || ' has no NOT NULL org_id column'
                  FROM t WHERE NOT t.reference AND NOT EXISTS (
                       SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'org_id' AND a.attnotnull
                          AND NOT a.attisdropped)""".formatted(tables));
        collect(connection, schema, problems, """
                WITH t AS (%s)
                SELECT 'tenant table ' || t.relname || ' has no primary key'
                  FROM t WHERE NOT t.reference AND NOT EXISTS (
                       SELECT 1 FROM pg_constraint k WHERE k.conrelid = t.oid AND k.contype = 'p')""".formatted(tables));
        collect(connection, schema, problems, """
                WITH t AS (%s)
                SELECT 'tenant table ' || t.relname || ': unique index ' || i.indexrelid::regclass::text
                       || ' (' || pg_get_indexdef(i.indexrelid) || ') does not include org_id'
                  FROM t JOIN pg_index i ON i.indrelid = t.oid
                 WHERE NOT t.reference AND i.indisunique AND NOT EXISTS (
                       SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'org_id'
                          AND a.attnum = ANY (i.indkey::smallint[]))""".formatted(tables));
        collect(connection, schema, problems, """
                WITH t AS (%s)
                SELECT 'tenant table ' || t.relname || ': foreign key ' || k.conname || ' to tenant table '
                       || r.relname || ' does not pair org_id with org_id (' || pg_get_constraintdef(k.oid) || ')'
                  FROM t JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'f'
                  JOIN t r ON r.oid = k.confrelid
                 WHERE NOT t.reference AND NOT r.reference AND NOT EXISTS (
                       SELECT 1 FROM generate_subscripts(k.conkey, 1) s
                        WHERE (SELECT attname FROM pg_attribute WHERE attrelid = k.conrelid AND attnum = k.conkey[s]) = 'org_id'
                          AND (SELECT attname FROM pg_attribute WHERE attrelid = k.confrelid AND attnum = k.confkey[s]) = 'org_id')
                """.formatted(tables));
        collect(connection, schema, problems, """
                WITH t AS (%s)
                SELECT 'tenant table ' || t.relname || ': foreign key ' || k.conname || ' to reference table '
                       || r.relname || ' is not (org_id) (' || pg_get_constraintdef(k.oid) || ')'
                  FROM t JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'f'
                  JOIN t r ON r.oid = k.confrelid
                 WHERE NOT t.reference AND r.reference
                   AND (cardinality(k.conkey) <> 1
                        OR (SELECT attname FROM pg_attribute WHERE attrelid = k.conrelid AND attnum = k.conkey[1]) <> 'org_id')
                """.formatted(tables));
        collect(connection, schema, problems, """
                WITH t AS (%s)
                SELECT 'reference table ' || t.relname || ': foreign key ' || k.conname || ' points at tenant table ' || r.relname
                  FROM t JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'f'
                  JOIN t r ON r.oid = k.confrelid
                 WHERE t.reference AND NOT r.reference""".formatted(tables));
        return problems;
    }

    private static String array(Set<String> names) {
        return "ARRAY[" + String.join(",", names.stream().map(name -> "'" + name + "'").toList()) + "]::name[]";
    }

    private static void collect(Connection connection, String schema, List<String> problems, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql + " ORDER BY 1")) {
            query.setString(1, schema);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    problems.add(rs.getString(1));
                }
            }
        }
    }
}
