package dev.publicsafety.dal.internal;

import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static dev.publicsafety.dal.generated.fleet.Tables.ORGANIZATIONS;
import static dev.publicsafety.dal.generated.training.Tables.CALL_SESSIONS;
import static dev.publicsafety.dal.generated.training.Tables.CALL_TRANSCRIPTS;
import static dev.publicsafety.dal.generated.training.Tables.TRAINING_SCENARIOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.generated.fleet.tables.records.IncidentsRecord;
import dev.publicsafety.dal.generated.training.enums.CallSessionStatus;
import dev.publicsafety.dal.generated.training.tables.records.CallSessionsRecord;
import dev.publicsafety.dal.generated.training.tables.records.TrainingScenariosRecord;
import dev.publicsafety.dal.geo.Location;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.CallSession;
import dev.publicsafety.dal.training.CallSessionRepository;
import dev.publicsafety.dal.training.Scenario;
import dev.publicsafety.dal.training.ScenarioRepository;
import dev.publicsafety.dal.training.TranscriptEntry;
import dev.publicsafety.dal.training.TranscriptRepository;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.value.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.SQLDialect;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.exception.TooManyRowsException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cached-SQL path of the hot repository queries must be indistinguishable from jOOQ's own execution. */
@IsolatedDatabase
class RenderedQueryTest {

    private static DataSource dataSource;
    private static DSLContext ctx;
    private static Scenario scenario;

    @BeforeAll
    static void seed(TestDatabase db) {
        dataSource = db.dataSource();
        new ScenarioSeeder(dataSource).seedBundled(ScenarioSeeder.Options.DEFAULT);
        ctx = DalDsl.using(dataSource);
        scenario = new ScenarioRepository(ctx).findByKey("car-accident").orElseThrow();
    }

    @Test
    void shouldReadTheSameSessionAsJooqsOwnExecution() {
        CallSessionRepository sessions = new CallSessionRepository(ctx);
        UUID finished = sessions.start("op-finished", scenario.id()).id();
        sessions.finish(finished, CallSessionStatus.COMPLETED);
        UUID active = sessions.start("op-active", scenario.id()).id();

        for (UUID id : List.of(finished, active)) {
            CallSession viaJooq = ctx.select(CALL_SESSIONS.ID, CALL_SESSIONS.OPERATOR_ID, CALL_SESSIONS.SCENARIO_ID,
                            CALL_SESSIONS.STARTED_AT, CALL_SESSIONS.ENDED_AT, CALL_SESSIONS.DURATION_MS, CALL_SESSIONS.STATUS)
                    .from(CALL_SESSIONS).where(CALL_SESSIONS.ID.eq(id))
                    .fetchSingle(org.jooq.Records.mapping(CallSession::new));
            assertEquals(viaJooq, sessions.findById(id).orElseThrow());
        }
        CallSession open = sessions.findById(active).orElseThrow();
        assertNull(open.endedAt());
        assertNull(open.durationMs());
        assertEquals(CallSessionStatus.ACTIVE, open.status());
        assertFalse(sessions.findById(UUID.randomUUID()).isPresent());
    }

    @Test
    void shouldBindEnumsAndNullsOnInsert() {
        UUID session = new CallSessionRepository(ctx).start("op-insert", scenario.id()).id();
        UUID id = new TranscriptRepository(ctx).append(session, new TranscriptEntry(0, Speaker.OPERATOR, "911, what is your emergency?",
                null, null, null));
        var row = ctx.selectFrom(CALL_TRANSCRIPTS).where(CALL_TRANSCRIPTS.ID.eq(id)).fetchSingle();
        assertEquals(Speaker.OPERATOR, row.getSpeaker());
        assertEquals("911, what is your emergency?", row.getText());
        assertNull(row.getEmotionalState());
        assertNull(row.getConfidenceScore());
        assertNull(row.getAudioUrl());
        assertEquals(session, row.getSessionId());
    }

    @Test
    void shouldThrowJooqsConstraintViolationWithTheSql() {
        TranscriptRepository transcripts = new TranscriptRepository(ctx);
        IntegrityConstraintViolationException failure = assertThrows(IntegrityConstraintViolationException.class,
                () -> transcripts.append(UUID.randomUUID(), TranscriptEntry.of(0, Speaker.CALLER, "hello?")));
        assertEquals("23503", failure.sqlState());
        assertTrue(failure.getMessage().startsWith("SQL [insert into"), failure.getMessage());
    }

    @Test
    void shouldWriteInsideTheCallersTransaction() {
        UUID session = new CallSessionRepository(ctx).start("op-rollback", scenario.id()).id();
        assertThrows(IllegalStateException.class, () -> ctx.transaction(tx -> {
            new TranscriptRepository(tx.dsl()).append(session, TranscriptEntry.of(0, Speaker.CALLER, "rolled back"));
            throw new IllegalStateException("abort");
        }));
        assertEquals(0, ctx.fetchCount(CALL_TRANSCRIPTS, CALL_TRANSCRIPTS.SESSION_ID.eq(session)));
    }

    @Test
    void shouldLetExecuteListenersSeeTheQuery() {
        List<String> seen = new ArrayList<>();
        DSLContext traced = DSL.using(new DefaultConfiguration().set(dataSource).set(SQLDialect.POSTGRES)
                .set(DalDsl.settings()).set(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext context) {
                        seen.add(context.sql());
                    }
                }));
        UUID session = new CallSessionRepository(ctx).start("op-traced", scenario.id()).id();
        RenderedQuery<Record1<UUID>> byId = RenderedQuery.of(traced,
                traced.select(CALL_SESSIONS.ID).from(CALL_SESSIONS).where(CALL_SESSIONS.ID.eq(DSL.param("id", CALL_SESSIONS.ID))));

        assertFalse(byId.runsDirectly(traced));
        assertEquals(session, byId.fetchSingle(traced, session).value1());
        assertEquals(List.of(byId.sql()), seen);
    }

    @Test
    void shouldBindConvertedJsonbDirectly() {
        RenderedQuery<Record1<UUID>> byProfile = RenderedQuery.of(ctx, ctx.select(TRAINING_SCENARIOS.ID).from(TRAINING_SCENARIOS)
                .where(TRAINING_SCENARIOS.CALLER_PROFILE.eq(DSL.param("profile", TRAINING_SCENARIOS.CALLER_PROFILE))));
        assertTrue(byProfile.runsDirectly(ctx));
        assertEquals(scenario.id(), byProfile.fetchSingle(ctx, scenario.callerProfile()).value1());
    }

    @Test
    void shouldNameTheParameterAValueDoesNotFit() {
        RenderedQuery<Record1<UUID>> byId = RenderedQuery.of(ctx,
                ctx.select(CALL_SESSIONS.ID).from(CALL_SESSIONS).where(CALL_SESSIONS.ID.eq(DSL.param("id", CALL_SESSIONS.ID))));
        assertTrue(byId.runsDirectly(ctx));
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class, () -> byId.fetchOptional(ctx, "not-a-uuid"));
        assertEquals("parameter 1 (id) takes UUID, got String", wrongType.getMessage());
        IllegalArgumentException wrongCount = assertThrows(IllegalArgumentException.class, () -> byId.fetchOptional(ctx));
        assertTrue(wrongCount.getMessage().startsWith("query takes 1 values, got 0"), wrongCount.getMessage());
    }

    @Test
    void shouldReadATablesRecordAsJooqFetchesIt() {
        // converted JSONB, enums, timestamps and nulls: every column type of a scenario
        for (DSLContext context : List.of(ctx, DSL.using(dataSource, SQLDialect.POSTGRES, DalDsl.settings().withBindOffsetDateTimeType(true)))) {
            RenderedQuery<TrainingScenariosRecord> byId = RenderedQuery.of(context,
                    context.selectFrom(TRAINING_SCENARIOS).where(TRAINING_SCENARIOS.ID.eq(DSL.param("id", TRAINING_SCENARIOS.ID))));
            TrainingScenariosRecord viaJooq = context.selectFrom(TRAINING_SCENARIOS).where(TRAINING_SCENARIOS.ID.eq(scenario.id()))
                    .fetchSingle();
            TrainingScenariosRecord rendered = byId.fetchSingle(context, scenario.id());
            assertEquals(viaJooq, rendered);
            assertEquals(viaJooq.getCallerProfile(), rendered.getCallerProfile());
            assertFalse(rendered.changed(), "as fetched: nothing to store");
            assertFalse(byId.fetchOptional(context, UUID.randomUUID()).isPresent());
        }
    }

    @Test
    void shouldReadArraysSmallIntegersAndConvertedJsonbAsJooqDoes() {
        UUID org = ctx.insertInto(ORGANIZATIONS).set(ORGANIZATIONS.NAME, "Rendered").set(ORGANIZATIONS.SLUG, "rendered")
                .returning(ORGANIZATIONS.ID).fetchSingle().getId();
        UUID incident = ctx.insertInto(INCIDENTS).set(INCIDENTS.ORG_ID, org).set(INCIDENTS.INCIDENT_NUMBER, "RQ-1")
                .set(INCIDENTS.TITLE, "Smoke").set(INCIDENTS.INCIDENT_TYPE, "fire").set(INCIDENTS.PRIORITY, (short) 2)
                .set(INCIDENTS.TAGS, new String[] {"hazmat", "night shift"})
                .set(INCIDENTS.LOCATION, Location.ofAddress("1 Main St", "Springfield"))
                .set(INCIDENTS.METADATA, JSONB.valueOf("{\"source\": \"radio\"}"))
                .returning(INCIDENTS.ID).fetchSingle().getId();
        RenderedQuery<IncidentsRecord> byId = RenderedQuery.of(ctx,
                ctx.selectFrom(INCIDENTS).where(INCIDENTS.ID.eq(DSL.param("id", INCIDENTS.ID))));
        IncidentsRecord rendered = byId.fetchSingle(ctx, incident);
        assertEquals(ctx.selectFrom(INCIDENTS).where(INCIDENTS.ID.eq(incident)).fetchSingle(), rendered);
        assertEquals(List.of("hazmat", "night shift"), List.of(rendered.getTags()));
        assertEquals(Location.ofAddress("1 Main St", "Springfield"), rendered.getLocation());
        assertNull(rendered.getDescription());
        assertNull(rendered.getDeletedAt());
    }

    @Test
    void shouldStoreARecordItReadBack() {
        RenderedQuery<TrainingScenariosRecord> byId = RenderedQuery.of(ctx,
                ctx.selectFrom(TRAINING_SCENARIOS).where(TRAINING_SCENARIOS.ID.eq(DSL.param("id", TRAINING_SCENARIOS.ID))));
        UUID other = ctx.insertInto(TRAINING_SCENARIOS).set(ctx.fetchSingle(TRAINING_SCENARIOS, TRAINING_SCENARIOS.ID.eq(scenario.id()))
                        .with(TRAINING_SCENARIOS.ID, UUID.randomUUID()).with(TRAINING_SCENARIOS.SCENARIO_KEY, "rendered-store")
                        .with(TRAINING_SCENARIOS.NAME, "Rendered store"))
                .returning(TRAINING_SCENARIOS.ID).fetchSingle().getId();
        TrainingScenariosRecord record = byId.fetchSingle(ctx, other);
        record.setName("Renamed through the record");
        assertEquals(1, record.store(), "the record is attached and knows its primary key");
        assertEquals("Renamed through the record", byId.fetchSingle(ctx, other).getName());
    }

    @Test
    void shouldReadTimestampsWithTheSessionsOffsetAsJooqDoes() {
        UUID session = new CallSessionRepository(ctx).start("op-zone", scenario.id()).id();
        for (DSLContext context : List.of(ctx, DSL.using(dataSource, SQLDialect.POSTGRES, DalDsl.settings().withBindOffsetDateTimeType(true)))) {
            RenderedQuery<CallSessionsRecord> byId = RenderedQuery.of(context,
                    context.selectFrom(CALL_SESSIONS).where(CALL_SESSIONS.ID.eq(DSL.param("id", CALL_SESSIONS.ID))));
            context.transaction(tx -> {
                tx.dsl().execute("set local time zone 'Asia/Kolkata'");
                CallSessionsRecord rendered = byId.fetchSingle(tx.dsl(), session);
                CallSessionsRecord viaJooq = tx.dsl().selectFrom(CALL_SESSIONS).where(CALL_SESSIONS.ID.eq(session)).fetchSingle();
                assertEquals(viaJooq, rendered);
                assertEquals(viaJooq.getStartedAt().getOffset(), rendered.getStartedAt().getOffset());
            });
        }
    }

    @Test
    void shouldReachJooqsTimestampParserSoTimestampsSkipJooqsCursor() {
        assertNotNull(ColumnReader.TimestampText.PARSER, "jOOQ moved its parser: every query with a timestamp now reads through jOOQ");
    }

    @Test
    void shouldRefuseASecondRow() {
        RenderedQuery<Record1<UUID>> all = RenderedQuery.of(ctx, ctx.select(TRAINING_SCENARIOS.ID).from(TRAINING_SCENARIOS));
        assertThrows(TooManyRowsException.class, () -> all.fetchOptional(ctx));
    }

}
