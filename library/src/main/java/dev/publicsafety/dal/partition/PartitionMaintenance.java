package dev.publicsafety.dal.partition;

import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_CHAIN_BASES;
import static dev.publicsafety.dal.generated.fleet.Tables.PARTITION_HORIZON;
import static dev.publicsafety.dal.generated.fleet.Tables.TRANSMISSION_MENTIONS;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Keeps the monthly partitions of {@code fleet.transmissions} and {@code fleet.audit_logs} (fleet V6):
 * creates months ahead, lists partitions with their size, and applies retention, each call in one
 * transaction that waits at most {@link #LOCK_TIMEOUT} for a lock. Run as the owner of the fleet
 * tables ({@link #horizons} and {@link #list} also as the application role).
 *
 * <p>A row dated after the last month created goes to the table's default partition (fleet V8), and
 * {@code FleetDatabase} keeps three months ahead by itself ({@code fleet.keep_partitions_ahead});
 * {@link #createAhead} ({@code dal partitions create}) does the same from outside the application,
 * moving the rows of each new month that the default partition holds into it. Retention counts whole
 * months back from the start of the current month (UTC): with 12 months, the partitions that end on
 * or before that date go.
 * Transmissions partitions are detached and dropped, with their mention rows (not their audit rows).
 * Audit partitions are only detached, into schema {@value #DETACHED_SCHEMA}, still append-only, and
 * each organization's chain start is recorded in {@code fleet.audit_chain_bases} so that the remaining chain still verifies; dropping a detached
 * audit partition is a separate, explicit choice ({@link Retention#dropDetachedAudit}).
 */
public final class PartitionMaintenance {

    static final String SCHEMA = "fleet";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** Where detached audit partitions are kept: outside the schema the application reads. */
    public static final String DETACHED_SCHEMA = "fleet_detached";

    private static final Pattern MONTHLY = Pattern.compile("(.+?)_(before_)?(\\d{4})_(\\d{2})");

    /** The longest each call waits for a lock (retention's DETACH waits for every query on the table). */
    public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);

    /** How many months each table keeps; empty: that table is left alone. */
    public record Retention(OptionalInt transmissionMonths, OptionalInt auditMonths, boolean dropDetachedAudit) {

        public Retention {
            Objects.requireNonNull(transmissionMonths, "transmissionMonths");
            Objects.requireNonNull(auditMonths, "auditMonths");
            for (OptionalInt months : List.of(transmissionMonths, auditMonths)) {
                if (months.isPresent() && months.getAsInt() < 1) {
                    throw new IllegalArgumentException("a retention must keep at least 1 month, was " + months.getAsInt());
                }
            }
            if (dropDetachedAudit && auditMonths.isEmpty()) {
                throw new IllegalArgumentException("dropping detached audit partitions needs the audit retention (months)");
            }
        }
    }

    private final DataSource dataSource;
    private final Clock clock;

    public PartitionMaintenance(DataSource owner) {
        this(owner, Clock.systemUTC());
    }

    /** {@code clock} decides the current month (tests). */
    public PartitionMaintenance(DataSource owner, Clock clock) {
        this.dataSource = Objects.requireNonNull(owner, "owner");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates the monthly partitions of both tables missing up to the current month plus
     * {@code monthsAhead}; returns those created, oldest first.
     */
    public List<Partition> createAhead(int monthsAhead) {
        if (monthsAhead < 0 || monthsAhead > 120) {
            throw new IllegalArgumentException("months ahead must be between 0 and 120, was " + monthsAhead);
        }
        OffsetDateTime until = currentMonth().plusMonths(monthsAhead + 1L);
        return inTransaction(dsl -> {
            List<String> before = attached(dsl).stream().map(Partition::name).toList();
            for (PartitionedTable table : PartitionedTable.values()) {
                for (OffsetDateTime month = coveredUntil(dsl, table); month.isBefore(until); month = month.plusMonths(1)) {
                    dsl.select(DSL.function(DSL.name(SCHEMA, "create_partition"), String.class,
                            DSL.field("{0}::regclass", Object.class, DSL.val(table.toString())),
                            DSL.val(month), DSL.val(month.plusMonths(1)))).fetch();
                }
            }
            return attached(dsl).stream().filter(p -> !before.contains(p.name())).toList();
        });
    }

    /** The attached partitions of both tables, then the detached audit partitions; each table oldest first. */
    public List<Partition> list() {
        return inTransaction(dsl -> {
            List<Partition> all = new ArrayList<>(attached(dsl));
            all.addAll(detached(dsl));
            return all;
        });
    }

    /**
     * How far ahead each table has months and what its default partition holds, transmissions
     * first. Fleet at version 8 or later; the owner or a role {@code dal grant-app-role} granted.
     */
    public List<Horizon> horizons() {
        return inTransaction(dsl -> dsl.selectFrom(PARTITION_HORIZON()).fetch(row -> new Horizon(table(row.getParent()),
                utc(row.getCoveredUntil()), row.getDefaultRows(), Optional.ofNullable(row.getDefaultFirst()).map(PartitionMaintenance::utc),
                Optional.ofNullable(row.getDefaultLast()).map(PartitionMaintenance::utc))));
    }

    /** The end of the last month {@code table} has a partition for: a row dated at or after it goes to the default partition. */
    public OffsetDateTime coveredUntil(PartitionedTable table) {
        return inTransaction(dsl -> coveredUntil(dsl, table));
    }

    /** What {@link #applyRetention} would do now, changing nothing. */
    public List<RetentionStep> planRetention(Retention retention) {
        return inTransaction(dsl -> plan(dsl, retention));
    }

    /**
     * Detaches and drops what {@code retention} says; returns what was done. Every DETACH, and the
     * deletion of the mention rows of the traffic dropped (the triggers that keep them do not fire on
     * DETACH or DROP), is one transaction, all or nothing; audit rows about that traffic are never
     * deleted. The detached tables are dropped after that transaction, each foreign key first in a
     * transaction of its own: dropping one locks the table it refers to (radio channels, incidents,
     * organizations) exclusively, and taking that lock while holding the parent that DETACH locked, or
     * another such table, deadlocks with a writer that holds it and waits for the other. A table whose
     * drop fails stays in {@value #DETACHED_SCHEMA}, out of the application's reach, and the next run
     * with the same retention drops it.
     */
    public List<RetentionStep> applyRetention(Retention retention) {
        List<RetentionStep> steps = inTransaction(dsl -> {
            List<RetentionStep> planned = plan(dsl, retention);
            // Before any DETACH: from the first one on, a parent is held exclusively until the commit,
            // and deleting mentions by time scans all of them (once, whatever the number of months).
            deleteMentions(dsl, planned.stream().filter(s -> s.action() == RetentionStep.Action.DETACH_AND_DROP)
                    .map(RetentionStep::partition).toList());
            for (RetentionStep step : planned) {
                detach(dsl, step);
            }
            return planned;
        });
        List<String> drops = steps.stream().filter(s -> s.action() != RetentionStep.Action.DETACH)
                .map(s -> s.partition().name()).toList();
        try {
            drops.forEach(this::dropDetached);
        } catch (DataAccessException e) {
            String why = LOCK_NOT_AVAILABLE.equals(e.sqlState()) ? "a lock was not granted within " + LOCK_TIMEOUT.toSeconds() + " s"
                    : "SQLSTATE " + e.sqlState();
            throw new DataAccessException("retention detached every partition it names but did not drop " + drops + " from "
                    + DETACHED_SCHEMA + " (" + why + "); they are out of the application's reach, and a run with the same options"
                    + " drops them", e);
        }
        return steps;
    }

    /** Drops a table of {@value #DETACHED_SCHEMA}: its foreign keys one transaction each, then the table. */
    private void dropDetached(String name) {
        Table<?> table = DSL.table(DSL.name(DETACHED_SCHEMA, name));
        List<String> foreignKeys = inTransaction(dsl -> dsl.resultQuery(
                "SELECT conname FROM pg_constraint WHERE conrelid = to_regclass({0}) AND contype = 'f' ORDER BY conname",
                DSL.val(DETACHED_SCHEMA + "." + name)).fetch(0, String.class)); // names as create_partition makes them
        for (String foreignKey : foreignKeys) {
            inTransaction(dsl -> dsl.alterTable(table).dropConstraint(DSL.name(foreignKey)).execute());
        }
        inTransaction(dsl -> dsl.dropTable(table).execute());
    }

    private List<RetentionStep> plan(DSLContext dsl, Retention retention) {
        List<RetentionStep> steps = new ArrayList<>();
        List<Partition> attached = attached(dsl);
        retention.transmissionMonths().ifPresent(months -> {
            // left by a run whose drop failed: already past its retention
            detached(dsl).stream().filter(p -> p.table() == PartitionedTable.TRANSMISSIONS)
                    .forEach(p -> steps.add(new RetentionStep(RetentionStep.Action.DROP_DETACHED, p)));
            attached.stream().filter(p -> p.table() == PartitionedTable.TRANSMISSIONS && !p.to().isAfter(cutoff(months)))
                    .forEach(p -> steps.add(new RetentionStep(RetentionStep.Action.DETACH_AND_DROP, p)));
        });
        retention.auditMonths().ifPresent(months -> {
            attached.stream().filter(p -> p.table() == PartitionedTable.AUDIT_LOGS && !p.to().isAfter(cutoff(months)))
                    .forEach(p -> steps.add(new RetentionStep(RetentionStep.Action.DETACH, p)));
            if (retention.dropDetachedAudit()) {
                List<Partition> detaching = steps.stream().filter(s -> s.action() == RetentionStep.Action.DETACH)
                        .map(RetentionStep::partition).toList();
                detached(dsl).stream().filter(p -> p.table() == PartitionedTable.AUDIT_LOGS && !p.to().isAfter(cutoff(months)))
                        .forEach(p -> steps.add(new RetentionStep(RetentionStep.Action.DROP_DETACHED, p)));
                detaching.forEach(p -> steps.add(new RetentionStep(RetentionStep.Action.DROP_DETACHED,
                        new Partition(p.table(), DETACHED_SCHEMA, p.name(), p.from(), p.to(), p.estimatedRows(), p.bytes()))));
            }
        });
        return steps;
    }

    /** The first transaction's part of a step: detach into {@value #DETACHED_SCHEMA} (the drops come after). */
    private static void detach(DSLContext dsl, RetentionStep step) {
        if (step.action() == RetentionStep.Action.DROP_DETACHED) {
            return;
        }
        Partition partition = step.partition();
        Table<?> parent = DSL.table(DSL.name(SCHEMA, partition.table().table()));
        Table<?> attached = DSL.table(DSL.name(SCHEMA, partition.name()));
        Table<?> detached = DSL.table(DSL.name(DETACHED_SCHEMA, partition.name()));
        if (step.action() == RetentionStep.Action.DETACH) {
            recordChainBases(dsl, attached);
        }
        dsl.execute(DSL.query("ALTER TABLE {0} DETACH PARTITION {1}", parent, attached));
        dsl.createSchemaIfNotExists(DETACHED_SCHEMA).execute();
        dsl.execute(DSL.query("ALTER TABLE {0} SET SCHEMA {1}", attached, DSL.name(DETACHED_SCHEMA)));
        if (step.action() == RetentionStep.Action.DETACH) {
            // the row trigger was the parent's and left with DETACH; the TRUNCATE guard is the partition's own
            dsl.execute(DSL.query("CREATE TRIGGER audit_logs_no_update_delete BEFORE UPDATE OR DELETE ON {0}"
                    + " FOR EACH ROW EXECUTE FUNCTION {1}()", detached, DSL.name(SCHEMA, "reject_audit_change")));
            dsl.execute(DSL.query("COMMENT ON TABLE {0} IS {1}", detached, DSL.inline("Audit rows of fleet.audit_logs with "
                    + partition.table().key() + " before " + partition.to() + ", detached by retention; append-only.")));
        }
    }

    /**
     * Deletes the mention rows (fleet V7) of the transmissions partitions about to be dropped: those in
     * their ranges, as a mention carries its transmission's {@code started_at} and a range holds the
     * rows of no other partition. Each partition is closed to writes first (SHARE: reads go on), so
     * that no mention is added before it is detached.
     */
    private static void deleteMentions(DSLContext dsl, List<Partition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Field<OffsetDateTime> startedAt = TRANSMISSION_MENTIONS.STARTED_AT;
        List<Condition> ranges = new ArrayList<>();
        for (Partition partition : partitions) {
            dsl.execute(DSL.query("LOCK TABLE {0} IN SHARE MODE", DSL.table(DSL.name(SCHEMA, partition.name()))));
            ranges.add(startedAt.lt(partition.to()).and(partition.from().map(startedAt::ge).orElse(DSL.noCondition())));
        }
        dsl.deleteFrom(TRANSMISSION_MENTIONS).where(DSL.or(ranges)).execute();
    }

    /**
     * Before audit rows leave the table, each organization's chain start moves past the last link
     * they hold (partitions go oldest first, so that is the highest chain position among them).
     */
    private static void recordChainBases(DSLContext dsl, Table<?> partition) {
        Field<UUID> org = DSL.field(DSL.name("org_id"), UUID.class);
        Field<Long> seq = DSL.field(DSL.name("chain_seq"), Long.class);
        Field<byte[]> hash = DSL.field(DSL.name("row_hash"), byte[].class);
        dsl.insertInto(AUDIT_CHAIN_BASES, AUDIT_CHAIN_BASES.ORG_ID, AUDIT_CHAIN_BASES.BASE_SEQ, AUDIT_CHAIN_BASES.BASE_HASH)
                .select(DSL.selectDistinct(org, seq, hash).on(org).from(partition).orderBy(org, seq.desc()))
                .onConflict(AUDIT_CHAIN_BASES.ORG_ID).doUpdate()
                .set(AUDIT_CHAIN_BASES.BASE_SEQ, DSL.excluded(AUDIT_CHAIN_BASES.BASE_SEQ))
                .set(AUDIT_CHAIN_BASES.BASE_HASH, DSL.excluded(AUDIT_CHAIN_BASES.BASE_HASH))
                .where(DSL.excluded(AUDIT_CHAIN_BASES.BASE_SEQ).gt(AUDIT_CHAIN_BASES.BASE_SEQ))
                .execute();
    }

    /** Months are UTC months, whatever the session's time zone. */
    private static OffsetDateTime utc(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private OffsetDateTime currentMonth() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return today.withDayOfMonth(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private OffsetDateTime cutoff(int months) {
        return currentMonth().minusMonths(months);
    }

    private static OffsetDateTime coveredUntil(DSLContext dsl, PartitionedTable table) {
        return attached(dsl).stream().filter(p -> p.table() == table).map(Partition::to).max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException(table + " is not partitioned: migrate fleet to version 6 first (dal migrate)"));
    }

    private static List<Partition> attached(DSLContext dsl) {
        List<Partition> partitions = new ArrayList<>();
        for (Record row : dsl.resultQuery("""
                SELECT p.relname AS parent, c.relname AS name, c.reltuples::bigint AS estimated_rows,
                       pg_total_relation_size(c.oid) AS bytes,
                       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz AS lower_bound,
                       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS upper_bound
                  FROM pg_inherits i
                  JOIN pg_class c ON c.oid = i.inhrelid
                  JOIN pg_class p ON p.oid = i.inhparent
                  JOIN pg_namespace n ON n.oid = p.relnamespace
                 WHERE n.nspname = {0} AND p.relname IN ({1}, {2}) AND p.relkind = 'p'
                   AND pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'
                 ORDER BY p.relname DESC, upper_bound""", DSL.val(SCHEMA), DSL.val(PartitionedTable.TRANSMISSIONS.table()),
                DSL.val(PartitionedTable.AUDIT_LOGS.table())).fetch()) {
            partitions.add(new Partition(table(row.get("parent", String.class)), SCHEMA, row.get("name", String.class),
                    Optional.ofNullable(row.get("lower_bound", OffsetDateTime.class)), row.get("upper_bound", OffsetDateTime.class),
                    row.get("estimated_rows", Long.class), row.get("bytes", Long.class)));
        }
        return partitions;
    }

    /**
     * Partitions detached earlier (audit months kept; transmissions months whose drop failed); their
     * month comes from the name create_partition gave them.
     */
    private static List<Partition> detached(DSLContext dsl) {
        List<Partition> partitions = new ArrayList<>();
        for (Record row : dsl.resultQuery("""
                SELECT c.relname AS name, c.reltuples::bigint AS estimated_rows, pg_total_relation_size(c.oid) AS bytes
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = {0} AND c.relkind = 'r' ORDER BY c.relname""", DSL.val(DETACHED_SCHEMA)).fetch()) {
            Matcher name = MONTHLY.matcher(row.get("name", String.class));
            if (!name.matches() || !(name.group(1).equals(PartitionedTable.AUDIT_LOGS.table())
                    || name.group(1).equals(PartitionedTable.TRANSMISSIONS.table()))) {
                continue; // not one of ours
            }
            OffsetDateTime month = LocalDate.of(Integer.parseInt(name.group(3)), Integer.parseInt(name.group(4)), 1)
                    .atStartOfDay().atOffset(ZoneOffset.UTC);
            boolean before = name.group(2) != null;
            partitions.add(new Partition(table(name.group(1)), DETACHED_SCHEMA, name.group(0),
                    before ? Optional.empty() : Optional.of(month), before ? month : month.plusMonths(1),
                    row.get("estimated_rows", Long.class), row.get("bytes", Long.class)));
        }
        partitions.sort(Comparator.comparing(Partition::to));
        return partitions;
    }

    private static PartitionedTable table(String name) {
        for (PartitionedTable table : PartitionedTable.values()) {
            if (table.table().equals(name) || table.toString().equals(name)) {
                return table;
            }
        }
        throw new IllegalArgumentException("not a partitioned fleet table: " + name);
    }

    private interface Work<T> {
        T run(DSLContext dsl);
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
                dsl.execute(DSL.query("SET LOCAL lock_timeout = " + LOCK_TIMEOUT.toMillis()));
                T result = work.run(dsl);
                connection.commit();
                return result;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot maintain the fleet partitions: " + e.getMessage(), e);
        } catch (DataAccessException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.sqlState())) {
                throw new DataAccessException("cannot maintain the fleet partitions: a lock was not granted within "
                        + LOCK_TIMEOUT.toSeconds() + " s (a long query or transaction on the table holds it); nothing was changed,"
                        + " try again at a quieter time", e);
            }
            throw e;
        }
    }
}
