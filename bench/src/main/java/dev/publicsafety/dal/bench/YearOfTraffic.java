package dev.publicsafety.dal.bench;

import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.NewUser;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A year of a dispatch centre's traffic, generated on the server (INSERT … SELECT over
 * generate_series), for the scale benchmarks: a fixture, not a measure of the data layer's ingest
 * (that is {@code bulkIngest}, measured against raw COPY).
 *
 * <p>Organizations come in groups of {@value #GROUP} that share the traffic equally; within a group they share
 * it unevenly (the first twice the second, …, so 48 %, 24 %, 16 % and 12 %); within one, the busiest
 * of its channels carries most of it, the hours follow a day's curve (the afternoon three times as busy as
 * the small hours), and the year is a {@link Year}: the {@value #HOURS} hours up to the start of the
 * current hour by a {@link Clock} (pinned for a reproducible run), so that its newest months are the
 * ones the application keeps partitions for. A transmission names its unit
 * and an address; two in seven run a plate, one in {@value FleetBenchData#HOT_PLATE_EVERY} the
 * hot plate, and one in {@value FleetBenchData#COMMON_WORD_EVERY} says the common word (the same
 * rates as {@link FleetBenchData}). Three in ten belong to an incident (fifteen transmissions each);
 * each incident has two tasks for the organization's dispatchers and an audit row for its
 * creation, each status change and each task. Incidents of the last six hours are still open, and
 * one in five hundred older ones.
 *
 * <p>How it is fast: as the superuser, with {@code session_replication_role = replica} (no foreign-key
 * checks, no triggers: the mention rows are filled from the transmissions afterwards, in one
 * statement per month), the secondary indexes dropped before and rebuilt after the load, and the
 * work spread over {@code parallel} connections, a month of one organization per statement. The
 * audit rows it writes are numbered (chain_seq) but not hash-chained: {@code dal audit verify}
 * reports them as broken links.
 */
final class YearOfTraffic {

    static final int HOURS = 365 * 24;
    private static final int CHANNELS = 12;
    private static final int DISPATCHERS = 40;
    /** Organizations share the traffic in groups of this many, unevenly within a group. */
    static final int GROUP = 4;

    /** One organization of the fixture: its id, its channels (busiest first) and its dispatchers. */
    record Organization(UUID id, List<UUID> channels, List<UUID> dispatchers, long transmissions) {
    }

    /** What was loaded, and how long each phase took (seconds). */
    record Loaded(List<Organization> organizations, Map<String, Double> phases) {
        double seconds() {
            return phases.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /**
     * The hours the fixture covers, [start, end), {@value #HOURS} whole hours in UTC. Its first and
     * last calendar months are partial unless it ends at the start of a month.
     */
    record Year(OffsetDateTime start, OffsetDateTime end) {

        Year {
            if (!Duration.between(start, end).equals(Duration.ofHours(HOURS)) || !start.getOffset().equals(ZoneOffset.UTC)
                    || !start.equals(start.truncatedTo(ChronoUnit.HOURS))) {
                throw new IllegalArgumentException("a year of traffic is " + HOURS + " whole hours in UTC, not " + start + " to " + end);
            }
        }

        /** The year that ends at the start of the clock's current hour. */
        static Year endingAt(Clock clock) {
            return endingAt(OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.HOURS));
        }

        /** The year that ends at {@code end}, a whole hour. */
        static Year endingAt(OffsetDateTime end) {
            OffsetDateTime utc = end.withOffsetSameInstant(ZoneOffset.UTC);
            return new Year(utc.minusHours(HOURS), utc);
        }

        /** The first instant of each calendar month (UTC) the year touches, oldest first. */
        List<OffsetDateTime> months() {
            List<OffsetDateTime> months = new ArrayList<>();
            for (OffsetDateTime m = start.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS); m.isBefore(end); m = m.plusMonths(1)) {
                months.add(m);
            }
            return months;
        }

        /** Hour {@code h} (0 to {@value #HOURS} - 1) of the year. */
        OffsetDateTime hour(int h) {
            return start.plusHours(h);
        }

        /** The number of the hour {@code at} falls in, counted from the start (clamped to the year). */
        int hourOf(OffsetDateTime at) {
            long h = Duration.between(start, at).toHours();
            return (int) Math.max(0, Math.min(HOURS, h));
        }
    }

    private YearOfTraffic() {
    }

    /**
     * Loads {@code rows} transmissions of {@code year} over {@code organizations} organizations into a
     * freshly migrated fleet database, whose partitions (if any) already cover the year.
     */
    static Loaded load(DataSource owner, FleetDatabase fleet, Year year, String slug, long rows, int organizations, int parallel)
            throws Exception {
        Map<String, Double> phases = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        List<Organization> orgs = organizations(fleet, slug, rows, organizations);
        phases.put("organizations, channels, dispatchers (data layer)", seconds(t0));

        t0 = System.nanoTime();
        List<String> rebuild = dropSecondaryIndexes(owner);
        phases.put("drop secondary indexes", seconds(t0));

        t0 = System.nanoTime();
        List<Job> transmissions = new ArrayList<>();
        List<OffsetDateTime> months = year.months();
        for (Organization org : orgs) {
            for (OffsetDateTime month : months) {
                int first = year.hourOf(month);
                int last = year.hourOf(month.plusMonths(1)) - 1;
                transmissions.add(c -> insertTransmissions(c, year, org, first, last));
            }
        }
        run(owner, parallel, transmissions);
        phases.put("transmissions", seconds(t0));

        t0 = System.nanoTime();
        List<Job> derived = new ArrayList<>();
        for (OffsetDateTime month : months) {
            derived.add(c -> execute(c, MENTIONS, month, month.plusMonths(1)));
        }
        for (Organization org : orgs) {
            derived.add(c -> incidentsTasksAndAudit(c, year, org));
        }
        run(owner, parallel, derived);
        phases.put("mentions, incidents, tasks, audit rows", seconds(t0));

        t0 = System.nanoTime();
        List<Job> indexes = new ArrayList<>();
        rebuild.forEach(sql -> indexes.add(c -> execute(c, sql)));
        run(owner, parallel, indexes);
        requireValidIndexes(owner);
        phases.put("rebuild indexes (" + rebuild.size() + ")", seconds(t0));

        t0 = System.nanoTime();
        List<Job> vacuum = new ArrayList<>();
        for (String table : List.of("fleet.transmissions", "fleet.transmission_mentions", "fleet.audit_logs", "fleet.incidents",
                "fleet.tasks")) {
            vacuum.add(c -> execute(c, "VACUUM (ANALYZE) " + table));
        }
        run(owner, parallel, vacuum);
        phases.put("vacuum, analyze", seconds(t0));
        return new Loaded(orgs, phases);
    }

    private static List<Organization> organizations(FleetDatabase fleet, String slug, long rows, int count) {
        double weights = 0;
        for (int k = 0; k < count; k++) {
            weights += weight(k);
        }
        List<Organization> orgs = new ArrayList<>();
        long assigned = 0;
        for (int k = 0; k < count; k++) {
            long share = k == count - 1 ? rows - assigned : Math.round(rows * weight(k) / weights);
            assigned += share;
            String orgSlug = slug + "-" + k;
            UUID org = fleet.createOrganization(FleetBenchData.RECORDER, NewOrganization.of("Year " + orgSlug, orgSlug)).id();
            List<UUID> channels = new ArrayList<>();
            List<UUID> dispatchers = new ArrayList<>();
            fleet.execute(org, FleetBenchData.RECORDER, tx -> {
                for (int i = 0; i < CHANNELS; i++) {
                    channels.add(tx.channels().create(new NewRadioChannel("Channel " + i, ChannelSourceType.API,
                            Map.of("endpoint", "https://recorder.invalid/" + i, "auth", "none"))).id());
                }
                for (int i = 0; i < DISPATCHERS; i++) {
                    dispatchers.add(tx.users().create(NewUser.of("dispatcher-" + i + "@" + orgSlug, "d" + i + "@" + orgSlug + ".invalid",
                            "Dispatcher " + i, "dispatcher")).id());
                }
            });
            orgs.add(new Organization(org, channels, dispatchers, share));
        }
        return orgs;
    }

    /** The k-th organization's weight: 1, 1/2, 1/3, 1/4, then again from 1 for each group of {@value #GROUP}. */
    private static double weight(int k) {
        return 1.0 / (k % GROUP + 1);
    }

    /**
     * Hour h of the year gets a share of the organization's transmissions proportional to the
     * day's curve; transmission i (0-based, in time order) is the organization's i-th, which fixes
     * its plate, word and incident as in {@link FleetBenchData}.
     */
    private static final String TRANSMISSIONS = """
            INSERT INTO fleet.transmissions (id, org_id, channel_id, incident_id, started_at, ended_at, audio_ref, transcription,
                transcription_confidence, language, entities, metadata, priority, status, tags, duration_ms, created_at, updated_at)
            SELECT gen_random_uuid(), ?::uuid, (?::uuid[])[v.channel], CASE WHEN i % 50 < 15 THEN md5(?::text || ':incident:' || (i / 50))::uuid END,
                   s.t, s.t + make_interval(secs => v.secs), 's3://audio/' || ? || '/' || i || '.wav',
                   v.unit || ', ' || (ARRAY['respond to ', 'en route to ', 'on scene at ', 'clear from ', 'staging near ',
                       'request backup at ', 'traffic stop at ', 'returning from '])[v.phrase] || v.address
                       || CASE WHEN v.plate IS NULL THEN '' ELSE ', run plate ' || v.plate END
                       || CASE WHEN i % 7 = 3 THEN ', patient conscious and breathing' ELSE '' END || '.',
                   0.8 + 0.2 * v.r, 'en',
                   -- parsed from text: a quarter of the time of jsonb_build_object (the values need no escaping)
                   ('[{"type": "UNIT", "value": "' || v.unit || '", "confidence": 0.95, "start": 0, "end": ' || length(v.unit)
                       || '}, {"type": "ADDRESS", "value": "' || v.address || '", "confidence": 0.85}'
                       || CASE WHEN v.plate IS NULL THEN '' ELSE ', {"type": "PLATE", "value": "' || v.plate || '", "confidence": 0.9}' END
                       || ']')::jsonb,
                   '{}'::jsonb, CASE WHEN v.r < 0.05 THEN 1 WHEN v.r < 0.2 THEN 2 ELSE 3 END, 'transcribed', '{}'::text[], v.secs * 1000,
                   s.t + interval '30 seconds', s.t + interval '30 seconds'
              FROM (SELECT h, (sum(w) OVER (ORDER BY h) - w) / sum(w) OVER () AS before, sum(w) OVER (ORDER BY h) / sum(w) OVER () AS upto
                      FROM (SELECT h, 1 + 0.5 * cos(2 * pi() * ((h % 24) - 15) / 24) AS w FROM generate_series(0, ? - 1) h) hours) c
             CROSS JOIN LATERAL generate_series(floor(? * c.before)::bigint, floor(? * c.upto)::bigint - 1) i
             CROSS JOIN LATERAL (SELECT ?::timestamptz + make_interval(hours => c.h)
                                        + make_interval(secs => 3600 * (i - floor(? * c.before) + random() * 0.9)
                                                                 / greatest(floor(? * c.upto) - floor(? * c.before), 1)) AS t) s
             CROSS JOIN LATERAL (SELECT 1 + floor(? * power(random(), 3))::int AS channel, 'Engine ' || (1 + floor(random() * 20)::int) AS unit,
                                        (100 + floor(random() * 9900)::int) || ' ' || (ARRAY['Harbor Way', 'Main St', 'Oak Ave', 'Pier Rd',
                                            'Hill St', 'Station Sq', 'Mill Ln', 'Elm Ct', 'Bay Blvd', 'Park Dr'])[1 + floor(random() * 10)::int] AS address,
                                        CASE WHEN i % 140 = 0 THEN 'BENCH01' WHEN i % 7 IN (1, 5) THEN 'P' || (100000 + floor(random() * 900000)::int) END AS plate,
                                        1 + floor(random() * 8)::int AS phrase, 4 + floor(random() * 20)::int AS secs, random() AS r
                                  WHERE i IS NOT NULL) v
             WHERE c.h BETWEEN ? AND ?
            """;

    private static void insertTransmissions(Connection c, Year year, Organization org, int firstHour, int lastHour) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TRANSMISSIONS)) {
            Array channels = c.createArrayOf("uuid", org.channels().toArray());
            int p = 0;
            s.setObject(++p, org.id());
            s.setArray(++p, channels);
            s.setString(++p, org.id().toString());
            s.setString(++p, org.id().toString());
            s.setInt(++p, HOURS);
            for (int k = 0; k < 2; k++) {
                s.setLong(++p, org.transmissions());
            }
            s.setObject(++p, year.start());
            for (int k = 0; k < 3; k++) {
                s.setLong(++p, org.transmissions());
            }
            s.setInt(++p, CHANNELS);
            s.setInt(++p, firstHour);
            s.setInt(++p, lastHour);
            s.executeUpdate();
        }
    }

    private static final String MENTIONS = """
            INSERT INTO fleet.transmission_mentions
            SELECT DISTINCT m.* FROM fleet.transmissions t CROSS JOIN LATERAL fleet.mentions_of(t.entities, t.org_id, t.started_at, t.id) m
             WHERE t.started_at >= ? AND t.started_at < ?
            """;

    /**
     * An organization's incidents (from the transmissions linked to them), two tasks each, and
     * their audit rows, numbered per organization in time order; then its chain head.
     */
    private static void incidentsTasksAndAudit(Connection c, Year year, Organization org) throws SQLException {
        Array dispatchers = c.createArrayOf("uuid", org.dispatchers().toArray());
        execute(c, """
                INSERT INTO fleet.incidents (id, org_id, incident_number, title, incident_type, status, priority, reported_at,
                    dispatched_at, on_scene_at, resolved_at, closed_at, assigned_to, version, created_at, updated_at)
                SELECT id, org_id, 'INC-' || lpad(row_number() OVER (ORDER BY reported_at, id)::text, 7, '0'),
                       type || ' at ' || address, type, status, priority, reported_at,
                       CASE WHEN status <> 'new' THEN reported_at + interval '2 minutes' END,
                       CASE WHEN status IN ('on_scene', 'resolved', 'closed') THEN reported_at + interval '11 minutes' END,
                       CASE WHEN status IN ('resolved', 'closed') THEN reported_at + interval '50 minutes' END,
                       CASE WHEN status = 'closed' THEN reported_at + interval '3 hours' END,
                       (?::uuid[])[1 + floor(? * power(random(), 2))::int], 1, reported_at, reported_at
                  FROM (SELECT t.incident_id AS id, t.org_id, min(t.started_at) AS reported_at, min(t.entities -> 1 ->> 'value') AS address,
                               (ARRAY['MEDICAL', 'FIRE', 'TRAFFIC', 'THEFT', 'ASSAULT', 'ALARM', 'WELFARE CHECK', 'HAZMAT'])[1 + floor(random() * 8)::int] AS type,
                               1 + floor(5 * power(random(), 1.5))::int AS priority, random() AS r
                          FROM fleet.transmissions t WHERE t.org_id = ? AND t.incident_id IS NOT NULL GROUP BY t.incident_id, t.org_id) i
                 CROSS JOIN LATERAL (SELECT CASE WHEN i.reported_at > ?::timestamptz - interval '6 hours' OR i.r < 0.002
                                                 THEN (ARRAY['new', 'dispatched', 'on_scene'])[1 + floor(random() * 3)::int]
                                                 WHEN i.r < 0.05 THEN 'cancelled' WHEN i.r < 0.15 THEN 'resolved' ELSE 'closed' END::fleet.incident_status AS status
                                      WHERE i.id IS NOT NULL) s
                """, dispatchers, DISPATCHERS, org.id(), year.end());
        execute(c, """
                INSERT INTO fleet.tasks (org_id, incident_id, title, status, priority, assignee_id, due_at, started_at, completed_at,
                    created_at, updated_at)
                SELECT i.org_id, i.id, k.title, s.status, i.priority, (?::uuid[])[1 + floor(? * power(random(), 2))::int],
                       i.reported_at + interval '15 minutes', CASE WHEN s.status <> 'pending' THEN i.reported_at + interval '3 minutes' END,
                       CASE WHEN s.status = 'completed' THEN i.reported_at + interval '40 minutes' END, i.reported_at, i.reported_at
                  FROM fleet.incidents i
                 CROSS JOIN (VALUES ('Notify units'), ('Update caller')) k (title)
                 CROSS JOIN LATERAL (SELECT CASE WHEN i.status IN ('new', 'dispatched', 'on_scene')
                                                 THEN (ARRAY['pending', 'assigned', 'in_progress'])[1 + floor(random() * 3)::int]
                                                 WHEN i.status = 'cancelled' THEN 'cancelled' ELSE 'completed' END::fleet.task_status AS status
                                      WHERE k.title IS NOT NULL) s
                 WHERE i.org_id = ?
                """, dispatchers, DISPATCHERS, org.id());
        execute(c, """
                INSERT INTO fleet.audit_logs (id, org_id, actor_id, actor, action, entity_type, entity_id, before_state, after_state,
                    occurred_at, created_at, chain_seq, row_hash)
                SELECT a.id, a.org_id, a.actor_id, a.actor, a.action, a.entity_type, a.entity_id, a.before_state, a.after_state,
                       a.occurred_at, a.occurred_at,
                       (SELECT coalesce(max(h.chain_seq), 0) FROM fleet.audit_chain_heads h WHERE h.org_id = a.org_id)
                           + row_number() OVER (ORDER BY a.occurred_at, a.id), sha256(uuid_send(a.id))
                  FROM (SELECT gen_random_uuid() AS id, i.org_id, i.assigned_to AS actor_id, 'dispatcher' AS actor,
                               CASE WHEN e.status IS NULL THEN 'create' ELSE 'transition' END AS action, 'incidents' AS entity_type,
                               i.id AS entity_id, CASE WHEN e.status IS NULL THEN NULL ELSE jsonb_build_object('status', e.before) END AS before_state,
                               jsonb_build_object('status', coalesce(e.status, 'new'), 'priority', i.priority) AS after_state, e.at AS occurred_at
                          FROM fleet.incidents i
                         CROSS JOIN LATERAL (VALUES (NULL, NULL, i.reported_at), ('dispatched', 'new', i.dispatched_at),
                                                    ('on_scene', 'dispatched', i.on_scene_at), ('resolved', 'on_scene', i.resolved_at),
                                                    ('closed', 'resolved', i.closed_at)) e (status, before, at)
                         WHERE i.org_id = ? AND e.at IS NOT NULL
                        UNION ALL
                        SELECT gen_random_uuid(), t.org_id, t.assignee_id, 'dispatcher', 'create', 'tasks', t.id, NULL,
                               jsonb_build_object('status', t.status, 'incident_id', t.incident_id), t.created_at
                          FROM fleet.tasks t WHERE t.org_id = ?) a
                """, org.id(), org.id());
        execute(c, """
                INSERT INTO fleet.audit_chain_heads (org_id, chain_seq, row_hash)
                SELECT org_id, chain_seq, row_hash FROM fleet.audit_logs WHERE org_id = ? ORDER BY chain_seq DESC LIMIT 1
                ON CONFLICT (org_id) DO UPDATE SET chain_seq = excluded.chain_seq, row_hash = excluded.row_hash
                """, org.id());
    }

    /**
     * Drops the secondary indexes of the tables the load fills (the mention table's primary key
     * too: nothing refers to it) and returns the statements that build them again.
     */
    private static List<String> dropSecondaryIndexes(DataSource owner) throws SQLException {
        List<String> rebuild = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                     WHERE i.indrelid IN ('fleet.transmissions'::regclass, 'fleet.audit_logs'::regclass)
                       AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                    """)) {
                while (rs.next()) {
                    drop.add("DROP INDEX " + rs.getString(1));
                    // a partitioned table's index reads "ON ONLY" (the parent alone): built ON the parent, it covers every partition
                    rebuild.add(rs.getString(2).replace(" ON ONLY ", " ON "));
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                     WHERE conrelid = 'fleet.transmission_mentions'::regclass AND contype = 'p'
                    """)) {
                while (rs.next()) {
                    drop.add("ALTER TABLE fleet.transmission_mentions DROP CONSTRAINT " + rs.getString(1));
                    // first: the largest build, so that the other connections share out the rest meanwhile
                    rebuild.add(0, "ALTER TABLE fleet.transmission_mentions ADD CONSTRAINT " + rs.getString(1) + " " + rs.getString(2));
                }
            }
            for (String sql : drop) {
                s.execute(sql);
            }
        }
        return rebuild;
    }

    /** Every fleet index valid: one left invalid would be measured as a missing index. */
    private static void requireValidIndexes(DataSource owner) throws SQLException {
        try (Connection c = owner.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(i.indexrelid::regclass::text, ', ') FROM pg_index i"
                     + " JOIN pg_class t ON t.oid = i.indrelid WHERE t.relnamespace = 'fleet'::regnamespace AND NOT i.indisvalid")) {
            rs.next();
            if (rs.getString(1) != null) {
                throw new IllegalStateException("indexes left invalid after the load: " + rs.getString(1));
            }
        }
    }

    @FunctionalInterface
    private interface Job {
        void run(Connection connection) throws SQLException;
    }

    /** Runs the jobs on {@code parallel} connections, each taking the next job when done; the first failure is thrown. */
    private static void run(DataSource owner, int parallel, List<Job> jobs) throws Exception {
        ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>(jobs);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int k = 0; k < parallel; k++) {
                workers.add(pool.submit(() -> {
                    try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
                        s.execute("SET session_replication_role = replica");
                        s.execute("SET maintenance_work_mem = '512MB'");
                        s.execute("SET max_parallel_maintenance_workers = 0"); // the connections are the parallelism
                        try {
                            for (Job job = queue.poll(); job != null; job = queue.poll()) {
                                job.run(c);
                            }
                        } finally {
                            // the connection goes back to the pool: without this its later writes would skip every trigger
                            s.execute("RESET session_replication_role; RESET maintenance_work_mem; RESET max_parallel_maintenance_workers");
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private static void execute(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.execute();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
