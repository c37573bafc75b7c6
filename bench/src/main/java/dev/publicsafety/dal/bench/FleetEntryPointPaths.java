package dev.publicsafety.dal.bench;

import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.NewIncident;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The fleet domain's documented entry point, one transaction per call exactly as the README shows
 * it ({@code fleet.inTransaction(org, actor, tx -> tx.incidents().findById(id))}, and opening an
 * incident, which writes its audit row), against JDBC running the same transaction on the same
 * pool of the RLS-bound application role: auto-commit off, {@code fleet.set_org_id}, the
 * statements (for the insert: the incident, then its audit row built from it by the server), commit.
 */
final class FleetEntryPointPaths {

    private static final String SET_ORG = "SELECT fleet.set_org_id(?)";
    private static final String READ = "SELECT * FROM fleet.incidents WHERE id = ? AND org_id = ? AND deleted_at IS NULL";
    private static final String INSERT = "INSERT INTO fleet.incidents (org_id, incident_number, title, incident_type, status,"
            + " priority, reported_at) VALUES (?, ?, ?, ?, 'new', ?, now()) RETURNING *";
    private static final String AUDIT = "INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id, after_state,"
            + " occurred_at) SELECT org_id, ?, 'create', 'incidents', id, to_jsonb(i), clock_timestamp() FROM fleet.incidents i"
            + " WHERE id = ? AND org_id = ?";
    private static final int INCIDENTS = 10_000;

    private FleetEntryPointPaths() {
    }

    /** A point read by primary key within the organization. */
    static PathSet reads(HikariDataSource ownerPool) {
        ApplicationRole role = ApplicationRole.create(new TestDatabase(BenchDatabase.url()), 2);
        DataSource app = role.dataSource();
        FleetDatabase fleet = new FleetDatabase(app);
        UUID org = new FleetBenchData(fleet, "entry-read-" + Long.toHexString(System.nanoTime()), 1).org;
        UUID[] ids = fleet.inTransaction(org, FleetBenchData.RECORDER, tx -> {
            UUID[] opened = new UUID[INCIDENTS];
            for (int i = 0; i < INCIDENTS; i++) {
                opened[i] = tx.incidents().open(NewIncident.of("R-" + i, "Structure fire", "structure_fire", 1 + i % 5)).id();
            }
            return opened;
        });
        DalDsl.using(ownerPool).execute("ANALYZE fleet.incidents");
        TrainingEntryPointPaths.Ids next = new TrainingEntryPointPaths.Ids(ids);
        return new TrainingEntryPointPaths.Paths(List.of(
                new Interleaved.Path("EntryPointRead.fleet.jdbc", () -> jdbcRead(app, org, next.next())),
                new Interleaved.Path("EntryPointRead.fleet.dal",
                        () -> fleet.inTransaction(org, FleetBenchData.RECORDER, tx -> tx.incidents().findById(next.next())).orElseThrow())),
                role);
    }

    /** Opening an incident: the row and its audit row. */
    static PathSet inserts(HikariDataSource ownerPool) {
        ApplicationRole role = ApplicationRole.create(new TestDatabase(BenchDatabase.url()), 2);
        DataSource app = role.dataSource();
        FleetDatabase fleet = new FleetDatabase(app);
        UUID org = new FleetBenchData(fleet, "entry-insert-" + Long.toHexString(System.nanoTime()), 1).org;
        int[] numbers = new int[2];
        return new TrainingEntryPointPaths.Paths(List.of(
                new Interleaved.Path("EntryPointInsert.fleet.jdbc", () -> jdbcInsert(app, org, "J-" + numbers[0]++)),
                new Interleaved.Path("EntryPointInsert.fleet.dal", () -> fleet.inTransaction(org, FleetBenchData.RECORDER,
                        tx -> tx.incidents().open(NewIncident.of("D-" + numbers[1]++, "Structure fire", "structure_fire", 2))))),
                role);
    }

    private static Object[] jdbcRead(DataSource pool, UUID org, UUID id) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            setOrg(connection, org);
            Object[] row;
            try (PreparedStatement statement = connection.prepareStatement(READ)) {
                statement.setObject(1, id);
                statement.setObject(2, org);
                row = readRow(statement);
            }
            connection.commit();
            return row;
        }
    }

    private static Object[] jdbcInsert(DataSource pool, UUID org, String number) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            setOrg(connection, org);
            Object[] row;
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                statement.setObject(1, org);
                statement.setString(2, number);
                statement.setString(3, "Structure fire");
                statement.setString(4, "structure_fire");
                statement.setShort(5, (short) 2);
                row = readRow(statement);
            }
            try (PreparedStatement audit = connection.prepareStatement(AUDIT)) {
                audit.setString(1, FleetBenchData.RECORDER.name());
                audit.setObject(2, row[0]);
                audit.setObject(3, org);
                audit.executeUpdate();
            }
            connection.commit();
            return row;
        }
    }

    private static void setOrg(Connection connection, UUID org) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(SET_ORG)) {
            statement.setObject(1, org);
            statement.executeQuery().close();
        }
    }

    private static Object[] readRow(PreparedStatement statement) throws Exception {
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            Object[] row = new Object[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getObject(i + 1);
            }
            return row;
        }
    }
}
