package dev.publicsafety.dal.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetOptions;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.geo.Location;
import dev.publicsafety.dal.jsonb.JsonMapper;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.TestDatabase;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The fleet domain's documented entry point, one transaction per call exactly as the README shows
 * it ({@code fleet.inTransaction(org, actor, tx -> tx.incidents().findById(id))}, and opening an
 * incident, which writes its audit row), against JDBC running the same transaction on the same
 * pool of the RLS-bound application role: auto-commit off, {@code fleet.set_org_id}, the
 * statements (for the insert: the incident, then its audit row built from it by the server), commit,
 * and the row mapped into the same {@link Incident} the repository returns.
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
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private FleetEntryPointPaths() {
    }

    /** A point read by primary key within the organization. */
    static PathSet reads(HikariDataSource ownerPool) {
        ReadFixture read = ReadFixture.create(ownerPool, FleetOptions.defaults());
        return new TrainingEntryPointPaths.Paths(List.of(
                new Interleaved.Path("EntryPointRead.fleet.jdbc", () -> jdbcRead(read.app, read.org, read.ids.next(), null)),
                new Interleaved.Path("EntryPointRead.fleet.dal", read::dalRead)),
                read.role);
    }

    /**
     * The same read with observations on (issue #29), against JDBC making the same observations
     * (the unit of work's, and its query's with the same keys) in the same registry, and against the
     * data layer with its instrumentation off. The registry times every observation into a
     * {@link SimpleMeterRegistry}, as an application exporting metrics would; no tracer.
     */
    static PathSet observedReads(HikariDataSource ownerPool) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
        ReadFixture read = ReadFixture.create(ownerPool, FleetOptions.defaults().withObservationRegistry(registry));
        FleetDatabase unobserved = new FleetDatabase(read.app);
        return new TrainingEntryPointPaths.Paths(List.of(
                new Interleaved.Path("ObservedRead.fleet.jdbc", () -> observedJdbcRead(registry, read.app, read.org, read.ids.next())),
                new Interleaved.Path("ObservedRead.fleet.dal", read::dalRead),
                new Interleaved.Path("ObservedRead.fleet.dalOff",
                        () -> unobserved.inTransaction(read.org, FleetBenchData.RECORDER, tx -> tx.incidents().findById(read.ids.next())))),
                read.role);
    }

    /** An organization of {@value #INCIDENTS} incidents, read as the RLS-bound application role. */
    private record ReadFixture(ApplicationRole role, DataSource app, FleetDatabase fleet, UUID org, TrainingEntryPointPaths.Ids ids) {

        static ReadFixture create(HikariDataSource ownerPool, FleetOptions options) {
            ApplicationRole role = ApplicationRole.create(new TestDatabase(BenchDatabase.url()), 2);
            DataSource app = role.dataSource();
            FleetDatabase fleet = new FleetDatabase(app, options);
            UUID org = new FleetBenchData(fleet, "entry-read-" + Long.toHexString(System.nanoTime()), 1).org;
            UUID[] ids = openIncidents(fleet, org, "R-", ownerPool);
            return new ReadFixture(role, app, fleet, org, new TrainingEntryPointPaths.Ids(ids));
        }

        Incident dalRead() {
            return fleet.inTransaction(org, FleetBenchData.RECORDER, tx -> tx.incidents().findById(ids.next())).orElseThrow();
        }
    }

    /** Opening an incident: the row and its audit row. */
    static PathSet inserts(HikariDataSource ownerPool) {
        ApplicationRole role = ApplicationRole.create(new TestDatabase(BenchDatabase.url()), 2);
        DataSource app = role.dataSource();
        FleetDatabase fleet = new FleetDatabase(app);
        UUID org = new FleetBenchData(fleet, "entry-insert-" + Long.toHexString(System.nanoTime()), 1).org;
        // a table the planner knows, as autovacuum keeps it in production: unanalyzed, the baseline's
        // read-back of the new row (for its audit row) was planned as a scan of a growing table
        openIncidents(fleet, org, "P-", ownerPool);
        int[] numbers = new int[2];
        return new TrainingEntryPointPaths.Paths(List.of(
                new Interleaved.Path("EntryPointInsert.fleet.jdbc", () -> jdbcInsert(app, org, "J-" + numbers[0]++)),
                new Interleaved.Path("EntryPointInsert.fleet.dal", () -> fleet.inTransaction(org, FleetBenchData.RECORDER,
                        tx -> tx.incidents().open(NewIncident.of("D-" + numbers[1]++, "Structure fire", "structure_fire", 2))))),
                role);
    }

    /** {@value #INCIDENTS} incidents opened in {@code org} through the data layer, then {@code ANALYZE}d; their ids. */
    private static UUID[] openIncidents(FleetDatabase fleet, UUID org, String numberPrefix, HikariDataSource ownerPool) {
        UUID[] ids = fleet.inTransaction(org, FleetBenchData.RECORDER, tx -> {
            UUID[] opened = new UUID[INCIDENTS];
            for (int i = 0; i < INCIDENTS; i++) {
                opened[i] = tx.incidents().open(NewIncident.of(numberPrefix + i, "Structure fire", "structure_fire", 1 + i % 5)).id();
            }
            return opened;
        });
        DalDsl.using(ownerPool).execute("ANALYZE fleet.incidents");
        return ids;
    }

    /** The transaction in JDBC; with {@code registry} not null, its query observed as the data layer observes its own. */
    private static Incident jdbcRead(DataSource pool, UUID org, UUID id, ObservationRegistry registry) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            setOrg(connection, org);
            Incident row;
            Observation query = registry == null ? null : Observation.createNotStarted("db.client.operation.duration", registry)
                    .contextualName("SELECT fleet.incidents")
                    .lowCardinalityKeyValue("db.system.name", "postgresql").lowCardinalityKeyValue("dal.domain", "fleet")
                    .lowCardinalityKeyValue("db.operation.name", "SELECT")
                    .lowCardinalityKeyValue("db.query.summary", "SELECT fleet.incidents")
                    .lowCardinalityKeyValue("db.namespace", connection.getCatalog())
                    .lowCardinalityKeyValue("db.collection.name", "fleet.incidents").start();
            try (PreparedStatement statement = connection.prepareStatement(READ)) {
                statement.setObject(1, id);
                statement.setObject(2, org);
                row = readIncident(statement);
            } finally {
                if (query != null) {
                    query.stop();
                }
            }
            connection.commit();
            return row;
        }
    }

    /** {@link #jdbcRead} as one observed unit of work, with the keys the data layer gives its own. */
    private static Incident observedJdbcRead(ObservationRegistry registry, DataSource pool, UUID org, UUID id) throws Exception {
        Observation unit = Observation.createNotStarted("dal.unit", registry).contextualName("fleet inTransaction")
                .lowCardinalityKeyValue("db.system.name", "postgresql").lowCardinalityKeyValue("dal.domain", "fleet")
                .lowCardinalityKeyValue("dal.operation", "inTransaction").start();
        try (Observation.Scope scope = unit.openScope()) {
            Incident row = jdbcRead(pool, org, id, registry);
            unit.lowCardinalityKeyValue("dal.outcome", "committed").lowCardinalityKeyValue("dal.retries", "0");
            return row;
        } finally {
            unit.stop();
        }
    }

    private static Incident jdbcInsert(DataSource pool, UUID org, String number) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            setOrg(connection, org);
            Incident row;
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                statement.setObject(1, org);
                statement.setString(2, number);
                statement.setString(3, "Structure fire");
                statement.setString(4, "structure_fire");
                statement.setShort(5, (short) 2);
                row = readIncident(statement);
            }
            try (PreparedStatement audit = connection.prepareStatement(AUDIT)) {
                audit.setString(1, FleetBenchData.RECORDER.name());
                audit.setObject(2, row.id());
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

    /** The row as an {@link Incident}, mapped the way a team writing JDBC by hand would: Jackson for the JSONB columns. */
    private static Incident readIncident(PreparedStatement statement) throws Exception {
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            String location = rs.getString("location");
            return new Incident(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("incident_number"),
                    rs.getString("title"), rs.getString("description"), rs.getString("incident_type"),
                    IncidentStatus.lookupLiteral(rs.getString("status")), rs.getShort("priority"),
                    location == null ? null : JsonMapper.shared().readValue(location, Location.class),
                    List.of((String[]) rs.getArray("tags").getArray()), rs.getObject("reported_by", UUID.class),
                    rs.getObject("reported_at", OffsetDateTime.class), rs.getObject("dispatched_at", OffsetDateTime.class),
                    rs.getObject("on_scene_at", OffsetDateTime.class), rs.getObject("resolved_at", OffsetDateTime.class),
                    rs.getObject("closed_at", OffsetDateTime.class), rs.getObject("assigned_to", UUID.class),
                    rs.getObject("acknowledged_at", OffsetDateTime.class),
                    JsonMapper.shared().readValue(rs.getString("metadata"), METADATA), rs.getInt("version"),
                    rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                    rs.getObject("deleted_at", OffsetDateTime.class));
        }
    }
}
