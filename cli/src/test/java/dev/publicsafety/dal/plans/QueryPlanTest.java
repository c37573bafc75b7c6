package dev.publicsafety.dal.plans;

import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static dev.publicsafety.dal.generated.fleet.Tables.TASKS;
import static dev.publicsafety.dal.generated.fleet.Tables.TRANSMISSIONS;
import static dev.publicsafety.dal.generated.fleet.Tables.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.cli.demo.DemoFleet;
import dev.publicsafety.dal.cli.demo.FleetDemoGenerator;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.radio.Transmission;
import dev.publicsafety.dal.fleet.unit.NearbyAsset;
import dev.publicsafety.dal.generated.fleet.enums.AssetStatus;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.generated.fleet.enums.CrewStatus;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.training.enums.CallSessionStatus;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.CallSessionRepository;
import dev.publicsafety.dal.training.ExtractedEntityRepository;
import dev.publicsafety.dal.training.PerformanceMetricRepository;
import dev.publicsafety.dal.training.ScenarioRepository;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.TranscriptRepository;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.value.EntityType;
import dev.publicsafety.dal.training.value.Speaker;
import java.io.PrintWriter;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every repository query, on a realistic dataset (the demo fleet: 50,000 transmissions and their
 * audit trail; 40,000 transcript lines), is EXPLAINed as sent, as the application role with its
 * organization set, and must not scan a large table sequentially. Plans, not timings: the test
 * cannot pass by luck on a fast machine or fail on a slow one.
 */
@IsolatedDatabase
class QueryPlanTest {

    /** Below this many rows a sequential scan is what PostgreSQL should choose. */
    private static final long LARGE_TABLE_ROWS = 5_000;
    private static final Actor VIEWER = Actor.service("plan-check");

    private static final PlanCapture CAPTURE = new PlanCapture();
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static DemoFleet demo;
    private static Map<String, Long> rowsByTable;
    private static UUID session;
    private static UUID transcriptLine;

    @BeforeAll
    static void loadARealisticDataset(TestDatabase db, ApplicationRole role) throws SQLException {
        app = role;
        OffsetDateTime anchor = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        demo = new FleetDemoGenerator(new FleetDatabase(app.dataSource()), 11, 1.0, anchor, new PrintWriter(Writer.nullWriter()))
                .generate();

        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        DSLContext owner = DalDsl.using(db.dataSource());
        UUID scenario = new ScenarioRepository(owner).findByKey("active-shooter").orElseThrow().id();
        for (int s = 0; s < 1_000; s++) {
            UUID id = new CallSessionRepository(owner).start("operator-" + (s % 50), scenario).id();
            List<TranscriptEntry> lines = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                lines.add(TranscriptEntry.of(i * 2_000L, i % 2 == 0 ? Speaker.OPERATOR : Speaker.CALLER,
                        "He has a gun near the north entrance, line " + i));
            }
            List<UUID> ids = new TranscriptRepository(owner).appendAll(id, lines);
            new ExtractedEntityRepository(owner).attach(ids.get(1), EntityType.WEAPON, "gun", 0.9, 9, 12);
            new PerformanceMetricRepository(owner).record(id, "time_to_address_ms", 1_000 + s);
            session = id;
            transcriptLine = ids.get(1);
        }
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
            rowsByTable = new HashMap<>();
            // a partitioned table (fleet V6) counts the rows of its partitions, which are listed too
            try (ResultSet rs = statement.executeQuery("SELECT c.relname, CASE c.relkind WHEN 'p' THEN (SELECT sum(p.reltuples)::bigint"
                    + " FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid WHERE i.inhparent = c.oid) ELSE c.reltuples::bigint END"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('fleet', 'training')"
                    + " AND c.relkind IN ('r', 'p')")) {
                while (rs.next()) {
                    rowsByTable.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        fleet = new FleetDatabase(CAPTURE.wrap(app.dataSource()));
    }

    @Test
    void shouldServeEveryFleetQueryFromAnIndex() {
        assertTrue(rowsByTable.get("transmissions") >= 50_000 && rowsByTable.get("audit_logs") >= LARGE_TABLE_ROWS,
                "the dataset is not large enough to prove anything: " + rowsByTable);
        UUID org = demo.organizations().get(0).id();
        CAPTURE.clear();
        fleet.execute(org, VIEWER, tx -> {
            UUID incident = tx.dsl().select(INCIDENTS.ID).from(INCIDENTS).where(INCIDENTS.ORG_ID.eq(org))
                    .orderBy(INCIDENTS.REPORTED_AT).limit(1).fetchOne(INCIDENTS.ID);
            UUID user = tx.dsl().select(USERS.ID).from(USERS).where(USERS.ORG_ID.eq(org)).limit(1).fetchOne(USERS.ID);
            UUID task = tx.dsl().select(TASKS.ID).from(TASKS).where(TASKS.ORG_ID.eq(org)).limit(1).fetchOne(TASKS.ID);
            CAPTURE.clear();

            tx.organization().get();
            tx.incidents().findById(incident);
            tx.incidents().findByNumber(demo.organizations().get(0).prefix() + "-000001");
            var open = tx.incidents().openByPriority(PageRequest.first(20));
            tx.incidents().openByPriority(open.nextRequest().orElseThrow());
            tx.incidents().withStatus(IncidentStatus.CLOSED, PageRequest.first(20));
            tx.incidents().taggedWith("hazmat", PageRequest.first(20));
            tx.incidents().countByStatus();

            var channel = tx.channels().bySourceType(ChannelSourceType.SIP, PageRequest.first(5)).items().get(0);
            tx.channels().findByName(channel.name());
            var traffic = tx.transmissions().channelTraffic(channel.id(), tx.now().minusDays(30), tx.now().plusDays(1),
                    PageRequest.first(50));
            tx.transmissions().channelTraffic(channel.id(), tx.now().minusDays(30), tx.now().plusDays(1), traffic.nextRequest().orElseThrow());
            tx.transmissions().mentioning("PLATE", "8RVT214", PageRequest.first(20));
            tx.transmissions().forIncident(incident, PageRequest.first(20));

            tx.tasks().findById(task);
            tx.tasks().forIncident(incident, PageRequest.first(20));
            tx.tasks().openFor(user, PageRequest.first(20));
            tx.tasks().breached(PageRequest.first(20));
            tx.tasks().workload(user);
            tx.checklists().items(task);
            tx.checklists().progress(task);

            tx.users().findById(user);
            tx.users().findByOidcSubject("dispatcher-01");
            tx.users().withRole("dispatcher", PageRequest.first(20));
            tx.assets().available(AssetType.VEHICLE, PageRequest.first(20));
            tx.assets().withStatus(AssetStatus.MAINTENANCE, PageRequest.first(20));
            tx.assets().findByCallSign("E1");
            tx.crews().withStatus(CrewStatus.DISPATCHED, PageRequest.first(20));
            tx.crews().atIncident(incident);
            tx.webhooks().subscribedTo("incident.created", PageRequest.first(20));
            tx.policies().byPriority(PageRequest.first(20));
            tx.policies().enabledInOrder();

            tx.auditLogs().forEntity(INCIDENTS, incident, PageRequest.first(20));
            tx.auditLogs().byActor(user, PageRequest.first(20));
            tx.auditLogs().byActorName("dispatcher-01", PageRequest.first(20));
            tx.auditLogs().between(tx.now().minusHours(1), tx.now(), PageRequest.first(20));
        });
        assertNoSequentialScanOfALargeTable(35);
    }

    @Test
    void shouldFindTheNearestAvailableUnitsAndTranscriptsThroughTheirIndexes(TestDatabase db) throws SQLException {
        UUID org = demo.organizations().get(0).id();
        // 20,000 more available vehicles around the first organization's city, so that only an index is cheap
        try (Connection owner = db.dataSource().getConnection(); Statement sql = owner.createStatement()) {
            sql.execute("INSERT INTO fleet.assets (org_id, name, asset_type, status, location)"
                    + " SELECT '" + org + "', 'Plan unit ' || i, 'vehicle', 'available',"
                    + " jsonb_build_object('latitude', 40 + (i % 200) / 1000.0, 'longitude', -75 + (i / 200) / 1000.0)"
                    + " FROM generate_series(1, 20000) AS i");
            sql.execute("ANALYZE fleet.assets");
        }
        String plate = fleet.inTransaction(org, VIEWER, tx -> tx.dsl().select(TRANSMISSIONS.TRANSCRIPTION).from(TRANSMISSIONS)
                .where(TRANSMISSIONS.ORG_ID.eq(org)).and(TRANSMISSIONS.TRANSCRIPTION.contains(", plate ")).limit(1)
                .fetchSingle(TRANSMISSIONS.TRANSCRIPTION)).replaceAll(".*, plate (\\w+),.*", "$1");
        CAPTURE.clear();
        List<NearbyAsset> nearest = fleet.inTransaction(org, VIEWER, tx -> tx.assets().nearestAvailable(40.0505, -74.9505, 2_000, 5));
        Page<Transmission> found = fleet.inTransaction(org, VIEWER, tx -> tx.transmissions().searchTranscripts(plate, PageRequest.first(20)));

        assertEquals(5, nearest.size());
        // the point is in the middle of a grid cell (0.001 degrees: 111 m by 85 m): its four corners come first, at 70 m
        for (int i = 0; i < nearest.size(); i++) {
            assertTrue(i == 4 ? nearest.get(i).distanceMeters() > 100 : nearest.get(i).distanceMeters() < 71, "corners first: " + nearest);
            assertTrue(i == 0 || nearest.get(i - 1).distanceMeters() <= nearest.get(i).distanceMeters(), "nearest first: " + nearest);
        }
        assertFalse(found.items().isEmpty());
        assertTrue(found.items().stream().allMatch(t -> t.orgId().equals(org) && t.transcription().contains(plate)), plate);
        assertTrue(planOf("<->").contains("assets_available_point_gist"), planOf("<->"));
        assertNoSequentialScanOfALargeTable(2);

        // The match itself runs inside fleet.transcript_search (as its owner, for the transaction's
        // organization), one time window at a time, newest first (fleet V7, V14): its first window's
        // query, explained as the owner, reads one monthly partition through an index.
        try (Connection owner = db.dataSource().getConnection()) {
            owner.setAutoCommit(false);
            try (Statement sql = owner.createStatement()) {
                sql.execute("SELECT fleet.set_org_id('" + org + "')");
                OffsetDateTime newest;
                try (ResultSet rs = sql.executeQuery("SELECT max(started_at) FROM fleet.transmissions WHERE org_id = '" + org + "'")) {
                    rs.next();
                    newest = rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
                }
                // the function's first window: the newest hour (kept inside the newest month here, so one partition is right)
                OffsetDateTime monthStart = newest.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
                OffsetDateTime from = newest.minusHours(1).isBefore(monthStart) ? monthStart : newest.minusHours(1);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = sql.executeQuery("EXPLAIN SELECT t.id, t.started_at FROM fleet.transmissions t"
                        + " WHERE t.org_id = '" + org + "' AND t.deleted_at IS NULL"
                        + " AND t.transcript_search @@ websearch_to_tsquery('english'::regconfig, '" + plate + "')"
                        + " AND t.started_at >= timestamptz '" + from + "' AND t.started_at <= timestamptz '" + newest + "'"
                        + " ORDER BY t.started_at DESC, t.id DESC LIMIT 50")) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertFalse(plan.toString().contains("Seq Scan"), plan.toString());
                assertEquals(1, plan.toString().lines().map(line -> line.replaceAll(".* on (transmissions_\\d{4}_\\d{2}).*", "$1"))
                        .filter(line -> line.matches("transmissions_\\d{4}_\\d{2}")).distinct().count(),
                        "one month's partition: " + plan);
            } finally {
                owner.rollback();
            }
        }
    }

    @Test
    void shouldReadOnlyTheMonthATimeBoundedChannelQueryNames() {
        UUID org = demo.organizations().get(0).id();
        OffsetDateTime month = OffsetDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        List<String> partitions = rowsByTable.keySet().stream().filter(t -> t.matches("transmissions_(before_)?\\d{4}_\\d{2}")).toList();
        assertTrue(partitions.size() >= 3, "nothing to prune: " + partitions);
        int[] found = new int[1];
        fleet.execute(org, VIEWER, tx -> {
            var channel = tx.channels().bySourceType(ChannelSourceType.SIP, PageRequest.first(5)).items().get(0);
            CAPTURE.clear();
            found[0] = tx.transmissions().channelTraffic(channel.id(), month, month.plusMonths(1), PageRequest.first(50)).items().size();
        });
        assertTrue(found[0] > 0, "the demo has traffic this month");
        List<String> read = new ArrayList<>();
        relations(CAPTURE.plans().get(0).plan(), read);
        assertEquals(List.of(String.format("transmissions_%04d_%02d", month.getYear(), month.getMonthValue())),
                read.stream().filter(t -> t.startsWith("transmissions")).distinct().toList(), CAPTURE.plans().get(0).plan().toString());
    }

    private static void relations(JsonNode node, List<String> names) {
        if (node.has("Relation Name")) {
            names.add(node.path("Relation Name").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            relations(child, names);
        }
    }

    @Test
    void shouldServeEveryTrainingQueryFromAnIndex(TestDatabase db) {
        assertTrue(rowsByTable.get("call_transcripts") >= 40_000, "dataset too small: " + rowsByTable);
        DSLContext ctx = DalDsl.using(CAPTURE.wrap(db.dataSource()));
        CAPTURE.clear();
        new ScenarioRepository(ctx).findActive();
        new ScenarioRepository(ctx).findByKey("active-shooter");
        new CallSessionRepository(ctx).findById(session);
        new TranscriptRepository(ctx).transcript(session);
        new ExtractedEntityRepository(ctx).forTranscriptEntry(transcriptLine);
        new ExtractedEntityRepository(ctx).findByType(EntityType.WEAPON, 50);
        new PerformanceMetricRepository(ctx).operatorAggregates("operator-7", OffsetDateTime.now().minusDays(1),
                OffsetDateTime.now().plusDays(1));
        assertEquals(CallSessionStatus.ACTIVE, new CallSessionRepository(ctx).findById(session).orElseThrow().status());
        assertNoSequentialScanOfALargeTable(7);
    }

    /** The plan of the one captured query whose SQL contains {@code marker}. */
    private static String planOf(String marker) {
        List<PlanCapture.Plan> matching = CAPTURE.plans().stream().filter(p -> p.sql().contains(marker)).toList();
        assertEquals(1, matching.size(), "queries containing " + marker);
        return matching.get(0).plan().toString();
    }

    private static void assertNoSequentialScanOfALargeTable(int minimumQueries) {
        List<PlanCapture.Plan> plans = CAPTURE.plans();
        assertTrue(plans.size() >= minimumQueries, "only " + plans.size() + " queries were captured");
        List<String> violations = new ArrayList<>();
        for (PlanCapture.Plan plan : plans) {
            seqScans(plan.plan(), violations, plan.sql());
        }
        assertEquals(List.of(), violations, "sequential scans of large tables");
    }

    private static void seqScans(JsonNode node, List<String> violations, String sql) {
        if ("Seq Scan".equals(node.path("Node Type").asText())) {
            String table = node.path("Relation Name").asText();
            long rows = rowsByTable.getOrDefault(table, 0L);
            if (rows >= LARGE_TABLE_ROWS) {
                violations.add(table + " (" + rows + " rows) in: " + sql);
            }
        }
        for (JsonNode child : node.path("Plans")) {
            seqScans(child, violations, sql);
        }
    }
}
