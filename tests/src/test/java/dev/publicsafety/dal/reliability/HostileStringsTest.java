package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.Cursor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.audit.AuditEntry;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.NewUser;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.fleet.policy.InvalidPolicyException;
import dev.publicsafety.dal.fleet.policy.NewPolicy;
import dev.publicsafety.dal.fleet.policy.Policy;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.radio.Transmission;
import dev.publicsafety.dal.fleet.unit.NewAsset;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.jsonb.JsonMapper;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.DatabaseFingerprint;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.CallSessionRepository;
import dev.publicsafety.dal.training.MetricAggregate;
import dev.publicsafety.dal.training.PerformanceMetricRepository;
import dev.publicsafety.dal.training.ScenarioRepository;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.TranscriptRepository;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.value.Speaker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A corpus of hostile strings ({@link HostileStrings}: quotes, statement terminators, comments,
 * dollar quotes, backslashes, LIKE wildcards, JSON and jsonpath fragments, YAML tags, unicode,
 * control characters, 10,000-character strings) stored as data through every repository that
 * takes text and then pushed through every string filter: OIDC subject, role, tag, entity type and
 * value (JSONB containment), names, incident numbers, call signs, actor names, audit entity types,
 * feature flags, webhook events, policy YAML, page cursors, scenario keys, operator ids and metric
 * names. Sort orders are fixed per list and status filters are Java enums, so the only text that
 * reaches an ORDER BY is the key inside a cursor, crafted here too.
 *
 * <p>Treated as data means: every value reads back byte for byte (also through COPY); a lookup
 * returns exactly the rows holding that value, nothing more; an error is a validation error that
 * shows no SQL; the reads change nothing.
 */
@IsolatedDatabase
class HostileStringsTest {

    private static final OffsetDateTime EPOCH = OffsetDateTime.parse("2000-01-01T00:00:00Z");
    private static final OffsetDateTime FAR = OffsetDateTime.parse("2100-01-01T00:00:00Z");
    private static final UUID ZERO = new UUID(0, 0);
    private static final String ROLE = "dispatcher";

    private static TestDatabase database;
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static DSLContext training;
    private static UUID org;
    private static List<String> corpus;
    private static final Map<String, Seeded> seeded = new LinkedHashMap<>();
    private static final List<String> problems = new ArrayList<>();
    private static final Map<String, int[]> probes = new TreeMap<>();
    private static int yamlAccepted;
    private static int yamlRefused;

    /** What was stored for one hostile string; a field is null where the string is not a valid value for it. */
    private record Seeded(int index, UUID user, UUID incident, boolean numbered, String tag, UUID channel, UUID asset,
                          UUID transmission, UUID policy, boolean flag, int auditRows, String operator, String metric) {
    }

    @BeforeAll
    static void storeEveryHostileStringAsData(TestDatabase db) {
        database = db;
        corpus = HostileStrings.load();
        app = ApplicationRole.create(db, 2);
        fleet = new FleetDatabase(app.dataSource());
        org = fleet.createOrganization(Actor.service("setup"), NewOrganization.of("Hostile input", "hostile-input")).id();
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        training = DalDsl.using(db.dataSource());
        UUID scenario = new ScenarioRepository(training).findByKey("heart-attack").orElseThrow().id();
        UUID channel = fleet.inTransaction(org, Actor.service("setup"), tx -> tx.channels().create(new NewRadioChannel("Main",
                ChannelSourceType.SIP, Map.of("uri", "sip:main@pbx.example.org"))).id());
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            String s = corpus.get(i);
            seeded.put(s, seed(i, s, channel, scenario));
            // a day after the single writes below; not near FAR: fleet V6 has no partition that far ahead
            batch.add(NewTransmission.of(channel, EPOCH.plusDays(1).plusSeconds(i), null)
                    .transcribed(s, 0.5, null, List.of(TransmissionEntity.of("COPIED", s))).withMetadata(Map.of(s, s)));
        }
        // The bulk path writes its own CSV for COPY: every string must come back unchanged through it too.
        List<UUID> ids = fleet.inTransaction(org, Actor.service("recorder"), tx -> tx.transmissions().bulkIngest(batch)).ids();
        for (int i = 0; i < ids.size(); i++) {
            int n = i;
            Transmission copied = fleet.inTransaction(org, Actor.service("reader"), tx -> tx.transmissions().get(ids.get(n)));
            String s = corpus.get(i);
            same("bulk ingest transcription", s, copied.transcription());
            same("bulk ingest entity value", s, copied.entities().get(0).value());
            same("bulk ingest metadata", s, String.valueOf(copied.metadata().get(s)));
        }
        UUID session = new CallSessionRepository(training).start("copy-operator", scenario).id();
        List<TranscriptEntry> lines = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            lines.add(TranscriptEntry.of(i, Speaker.CALLER, corpus.get(i)));
        }
        new TranscriptRepository(training).appendAll(session, lines);
        var transcript = new TranscriptRepository(training).transcript(session);
        for (int i = 0; i < corpus.size(); i++) {
            same("transcript line through COPY", corpus.get(i), transcript.get(i).text());
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        app.close();
    }

    private static boolean fits(String s, int max) {
        return s != null && !s.isBlank() && s.length() <= max;
    }

    private static String or(String s, int max, String fallback) {
        return fits(s, max) ? s : fallback;
    }

    private static void same(String what, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            problems.add(what + ": stored " + abbreviate(expected) + " but read back " + abbreviate(actual));
        }
    }

    /** Stores {@code s} wherever it is a valid value, acting as a service named {@code s}, and checks what comes back. */
    private static Seeded seed(int i, String s, UUID channel, UUID scenario) {
        Actor actor = Actor.service(or(s, 255, "seeder-" + i));
        Seeded stored = fleet.inTransaction(org, actor, tx -> {
            int writes = 0;
            User user = tx.users().create(new NewUser(or(s, 255, "subject-" + i), "user" + i + "@example.org", or(s, 200, "user " + i), List.of(ROLE)));
            writes++;
            NewIncident incident = new NewIncident(or(s, 50, "INJ-" + i), or(s, 300, "incident " + i), s, "fire", 3, null,
                    fits(s, 100) ? List.of(s) : List.of(), null, null, Map.of(s, s));
            Incident opened = tx.incidents().open(incident);
            writes++;
            UUID namedChannel = tx.channels().create(new NewRadioChannel(or(s, 200, "channel " + i), ChannelSourceType.SIP,
                    Map.of("uri", "sip:c" + i + "@pbx.example.org"))).id();
            writes++;
            UUID asset = tx.assets().register(new NewAsset("asset " + i, AssetType.VEHICLE, s.length() <= 50 ? s : null, Map.of())).id();
            writes++;
            List<TransmissionEntity> entities = new ArrayList<>(List.of(TransmissionEntity.of("HOSTILE", s)));
            if (!s.isBlank()) {
                entities.add(TransmissionEntity.of(s, "X"));
            }
            Transmission transmission = tx.transmissions().record(NewTransmission.of(channel, EPOCH.plusSeconds(i), null)
                    .transcribed(s, 0.5, null, entities));
            writes++;
            Policy policy = tx.policies().create(NewPolicy.of(or(s, 200, "policy " + i), rulesDescribedAs(s), 10));
            writes++;
            boolean flag = fits(s, 100);
            if (flag) {
                tx.organization().setFeatureFlag(s, true);
                writes++;
            }
            same("user OIDC subject", or(s, 255, "subject-" + i), user.oidcSubject());
            same("user display name", or(s, 200, "user " + i), user.displayName());
            same("incident number", or(s, 50, "INJ-" + i), opened.number());
            same("incident description", s, opened.description());
            same("incident metadata", s, String.valueOf(opened.metadata().get(s)));
            same("incident tag", fits(s, 100) ? s.strip() : null, opened.tags().isEmpty() ? null : opened.tags().get(0));
            same("transmission transcription", s, transmission.transcription());
            same("transmission entity value", s, transmission.entities().get(0).value());
            same("policy rules", rulesDescribedAs(s), policy.rulesYaml());
            return new Seeded(i, fits(s, 255) ? user.id() : null, opened.id(), fits(s, 50),
                    fits(s, 100) ? s.strip() : null, fits(s, 200) ? namedChannel : null, s.length() <= 50 ? asset : null,
                    transmission.id(), fits(s, 200) ? policy.id() : null, flag, fits(s, 255) ? writes : 0, null, null);
        });
        String operator = null;
        String metric = null;
        if (fits(s, 255)) {
            operator = s;
            UUID session = new CallSessionRepository(training).start(s, scenario).id();
            metric = or(s, 100, "metric-" + i);
            new PerformanceMetricRepository(training).record(session, metric, i);
            if (!fits(s, 100) && !s.isBlank()) {
                refusedByValidation("metric name", s, () -> new PerformanceMetricRepository(training).record(session, s, i));
            }
        } else if (!s.isBlank()) {
            refusedByValidation("operator id", s, () -> new CallSessionRepository(training).start(s, scenario));
        }
        policyBody(i, s);
        return new Seeded(i, stored.user(), stored.incident(), stored.numbered(), stored.tag(), stored.channel(), stored.asset(),
                stored.transmission(), stored.policy(), stored.flag(), stored.auditRows(), operator, metric);
    }

    /** {@code write} must be refused by validation before it reaches the database, with a message that shows no SQL. */
    private static void refusedByValidation(String what, String s, Runnable write) {
        try {
            write.run();
            problems.add(what + " " + abbreviate(s) + " was accepted; it does not fit its column");
        } catch (IllegalArgumentException | InvalidInputException refused) {
            String leak = ErrorLeak.of(refused, s);
            if (leak != null) {
                problems.add(what + " " + abbreviate(s) + ": " + leak);
            }
        } catch (RuntimeException error) {
            String leak = ErrorLeak.of(error, s);
            problems.add(what + " " + abbreviate(s) + ": " + (leak != null ? leak : "not a validation error: " + error));
        }
    }

    /** The string as a whole policy body: refused by validation (without SQL in the message) or, if it is a valid rule set, stored as it is. */
    private static void policyBody(int i, String s) {
        try {
            Policy created = fleet.inTransaction(org, Actor.service("seeder"), tx -> tx.policies().create(NewPolicy.of("yaml " + i, s, 1)));
            yamlAccepted++;
            same("policy YAML body", s, created.rulesYaml());
        } catch (InvalidPolicyException refused) {
            yamlRefused++;
            String leak = ErrorLeak.of(refused, s);
            if (leak != null) {
                problems.add("policy YAML body " + abbreviate(s) + ": " + leak);
            }
        } catch (RuntimeException error) {
            problems.add("policy YAML body " + abbreviate(s) + ": not a validation error: " + error);
        }
    }

    /** Valid policy YAML carrying {@code s} as the rule's description (a JSON string is a YAML double-quoted scalar). */
    private static String rulesDescribedAs(String s) {
        try {
            return "rules:\n  - name: r\n    description: " + JsonMapper.shared().writeValueAsString(s)
                    + "\n    when: { incident_type: fire }\n    then: { set_priority: 1 }\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldStoreEveryHostileStringAsItIs() {
        assertTrue(corpus.size() >= 50, "the corpus has " + corpus.size() + " strings");
        System.out.println("hostile strings stored: " + corpus.size() + " strings through users, incidents, channels, assets,"
                + " transmissions (one at a time and by COPY), policies, feature flags, audit actors, call sessions, metrics and"
                + " transcripts (COPY); as whole policy YAML bodies " + yamlRefused + " refused by validation, " + yamlAccepted
                + " valid and stored as given; " + problems.size() + " values changed or errors leaking SQL");
        assertEquals(List.of(), problems, "values that did not come back as they were stored");
    }

    @Test
    void shouldTreatEveryHostileStringAsDataInEveryFilter() {
        List<String> before = DatabaseFingerprint.of(database.dataSource());
        List<String> mismatches = new ArrayList<>();
        for (String s : corpus) {
            Seeded mine = seeded.get(s);
            probe(mismatches, "users.findByOidcSubject", s, () -> ids(fleetRead(tx -> tx.users().findByOidcSubject(s))), idsOf(mine.user()));
            probe(mismatches, "users.withRole", s, () -> ids(fleetRead(tx -> tx.users().withRole(s, PageRequest.first(10)))), List.of());
            probe(mismatches, "incidents.findByNumber", s, () -> ids(fleetRead(tx -> tx.incidents().findByNumber(s))),
                    mine.numbered() ? idsOf(mine.incident()) : List.of());
            probe(mismatches, "incidents.taggedWith", s, () -> sorted(ids(fleetRead(tx -> tx.incidents().taggedWith(s, PageRequest.first(1000))))),
                    sorted(seeded.values().stream().filter(x -> s.equals(x.tag())).map(Seeded::incident).toList()));
            probe(mismatches, "channels.findByName", s, () -> ids(fleetRead(tx -> tx.channels().findByName(s))), idsOf(mine.channel()));
            probe(mismatches, "assets.findByCallSign", s, () -> ids(fleetRead(tx -> tx.assets().findByCallSign(s))), idsOf(mine.asset()));
            probe(mismatches, "policies.findByName", s, () -> ids(fleetRead(tx -> tx.policies().findByName(s))), idsOf(mine.policy()));
            probe(mismatches, "transmissions.mentioning(type, value)", s,
                    () -> ids(fleetRead(tx -> tx.transmissions().mentioning("HOSTILE", s, PageRequest.first(1000)))), idsOf(mine.transmission()));
            probe(mismatches, "transmissions.mentioning(type)", s,
                    () -> ids(fleetRead(tx -> tx.transmissions().mentioning(s, "X", PageRequest.first(1000)))),
                    s.isBlank() ? List.of() : idsOf(mine.transmission()));
            probe(mismatches, "webhooks.subscribedTo", s, () -> ids(fleetRead(tx -> tx.webhooks().subscribedTo(s, PageRequest.first(10)))), List.of());
            probe(mismatches, "auditLogs.byActorName", s,
                    () -> {
                        Page<AuditEntry> page = fleetRead(tx -> tx.auditLogs().byActorName(s, PageRequest.first(1000)));
                        return List.of(page.items().stream().filter(e -> e.actor().equals(s)).count(), page.items().size());
                    },
                    List.of((long) mine.auditRows(), mine.auditRows()));
            probe(mismatches, "auditLogs.forEntity", s,
                    () -> ids(fleetRead(tx -> tx.auditLogs().forEntity(s, mine.transmission(), PageRequest.first(10)))), List.of());
            probe(mismatches, "organization.isEnabled", s, () -> {
                Boolean enabled = fleetRead(tx -> tx.organization().isEnabled(s));
                return List.of(enabled);
            }, List.of(mine.flag()));
            probe(mismatches, "cursor token", s, () -> ids(fleetRead(tx -> tx.incidents().openByPriority(PageRequest.after(Cursor.parse(s), 10)))),
                    List.of());
            probe(mismatches, "policies.byPriority after a cursor keyed by the string", s,
                    () -> ids(fleetRead(tx -> tx.policies().byPriority(PageRequest.after(cursor("policies.by_priority", "10", s, ZERO.toString()), 100)))),
                    oracle("SELECT id FROM fleet.policies WHERE org_id = ? AND deleted_at IS NULL AND (priority, name, id) > (10, ?, ?)"
                            + " ORDER BY priority, name, id LIMIT 100", org, s, ZERO));
            probe(mismatches, "users.withRole after a cursor keyed by the string", s,
                    () -> ids(fleetRead(tx -> tx.users().withRole(ROLE, PageRequest.after(cursor("users.with_role:" + ROLE, s, ZERO.toString()), 100)))),
                    oracle("SELECT id FROM fleet.users WHERE org_id = ? AND deleted_at IS NULL AND is_active AND roles @> ARRAY[?]::text[]"
                            + " AND (display_name, id) > (?, ?) ORDER BY display_name, id LIMIT 100", org, ROLE, s, ZERO));
            probe(mismatches, "ScenarioRepository.findByKey", s, () -> ids(new ScenarioRepository(training).findByKey(s)), List.of());
            probe(mismatches, "PerformanceMetricRepository.operatorAggregates", s,
                    () -> new PerformanceMetricRepository(training).operatorAggregates(s, EPOCH, FAR).stream().map(MetricAggregate::metricName).toList(),
                    mine.operator() == null ? List.of() : List.of(mine.metric()));
            // A write that validation must refuse: nothing may change.
            probe(mismatches, "ScenarioRepository.activate", s, () -> {
                new ScenarioRepository(training).activate(s);
                return List.<Object>of("activated");
            }, null);
        }
        System.out.println("hostile strings: " + corpus.size() + " strings x " + probes.size() + " filters = "
                + probes.values().stream().mapToInt(c -> c[0] + c[1]).sum() + " calls: " + describe() + "; "
                + mismatches.size() + " wrong results or leaking errors");
        assertEquals(List.of(), mismatches);
        assertEquals(before, DatabaseFingerprint.of(database.dataSource()), "a read or a refused write changed the database");
    }

    /**
     * Calls {@code call} with hostile {@code s}: its result must be {@code expected}, or, where
     * {@code expected} is null (a write validation must refuse) or the filter validates its input,
     * a validation error that shows no SQL.
     */
    private static void probe(List<String> mismatches, String filter, String s, Supplier<List<?>> call, List<?> expected) {
        int[] counts = probes.computeIfAbsent(filter, k -> new int[2]);
        try {
            List<?> actual = call.get();
            counts[0]++;
            if (expected == null || !expected.equals(actual)) {
                mismatches.add(filter + "(" + abbreviate(s) + "): expected " + (expected == null ? "a validation error" : expected) + ", got " + actual);
            }
        } catch (IllegalArgumentException | InvalidInputException | NotFoundException | IllegalStateException refused) {
            counts[1]++;
            String leak = ErrorLeak.of(refused, s);
            if (leak != null) {
                mismatches.add(filter + "(" + abbreviate(s) + "): " + leak);
            } else if (refused instanceof IllegalStateException) {
                mismatches.add(filter + "(" + abbreviate(s) + "): not a validation error: " + refused);
            }
        } catch (RuntimeException error) {
            counts[1]++;
            String leak = ErrorLeak.of(error, s);
            mismatches.add(filter + "(" + abbreviate(s) + "): " + (leak != null ? leak : "not a validation error: " + error));
        }
    }

    private static String describe() {
        int results = probes.values().stream().mapToInt(c -> c[0]).sum();
        int refused = probes.values().stream().mapToInt(c -> c[1]).sum();
        return results + " answered, " + refused + " refused by validation";
    }

    private static <T> T fleetRead(java.util.function.Function<FleetTransaction, T> work) {
        return fleet.inTransaction(org, Actor.service("reader"), work::apply);
    }

    private static List<Object> ids(Object result) {
        List<Object> ids = new ArrayList<>();
        List<?> rows = result instanceof Optional<?> o ? o.stream().toList() : result instanceof Page<?> p ? p.items() : List.of(result);
        for (Object row : rows) {
            try {
                ids.add(row.getClass().getMethod("id").invoke(row));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(row.getClass() + " has no id()", e);
            }
        }
        return ids;
    }

    private static List<Object> idsOf(UUID id) {
        return id == null ? List.of() : List.of(id);
    }

    private static List<Object> sorted(List<?> ids) {
        return ids.stream().map(Object::toString).sorted().map(x -> (Object) UUID.fromString(x)).toList();
    }

    /** A well-formed cursor of {@code kind} whose key values are {@code keys}: what a client could craft. */
    private static Cursor cursor(String kind, String... keys) {
        List<String> values = new ArrayList<>(List.of(kind));
        values.addAll(List.of(keys));
        try {
            return new Cursor(Base64.getUrlEncoder().withoutPadding().encodeToString(JsonMapper.shared().writeValueAsBytes(values)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids the owner's own parameterized query returns: the expected answer of a keyset page. */
    private static List<Object> oracle(String sql, Object... binds) {
        List<Object> ids = new ArrayList<>();
        try (Connection owner = database.dataSource().getConnection(); PreparedStatement statement = owner.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                statement.setObject(i + 1, binds[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return "'" + (shown.length() > 60 ? shown.substring(0, 60) + "…(" + s.length() + " chars)" : shown) + "'";
    }
}
