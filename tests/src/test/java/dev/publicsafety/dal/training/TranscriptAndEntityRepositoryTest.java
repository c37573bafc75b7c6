package dev.publicsafety.dal.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.generated.training.Tables;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.value.EntityType;
import dev.publicsafety.dal.training.value.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class TranscriptAndEntityRepositoryTest {

    private static DSLContext ctx;
    private static UUID scenario;

    @BeforeAll
    static void seed(TestDatabase db) {
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        ctx = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        scenario = new ScenarioRepository(ctx).findByKey("burglary-in-progress").orElseThrow().id();
    }

    private static UUID newSession() {
        return new CallSessionRepository(ctx).start("operator-" + UUID.randomUUID(), scenario).id();
    }

    @Test
    void shouldReturnTheTranscriptInSpokenOrder() {
        UUID session = newSession();
        TranscriptRepository transcripts = new TranscriptRepository(ctx);
        transcripts.append(session, new TranscriptEntry(4200, Speaker.CALLER, "Someone is breaking in downstairs",
                "anxious", 0.91, "s3://audio/2.wav"));
        transcripts.append(session, TranscriptEntry.of(0, Speaker.OPERATOR, "911, what is the address of your emergency?"));
        List<TranscriptLine> lines = transcripts.transcript(session);
        assertEquals(List.of(0L, 4200L), lines.stream().map(TranscriptLine::timestampMs).toList());
        assertEquals("anxious", lines.get(1).emotionalState());
        assertEquals(0.91, lines.get(1).confidence());
        assertEquals("s3://audio/2.wav", lines.get(1).audioUrl());
    }

    @Test
    void shouldBulkAppendTextThatNeedsEscaping() {
        UUID session = newSession();
        List<TranscriptEntry> entries = new ArrayList<>();
        String[] awkward = {"He said \"get out\", then left", "line one\nline two", "comma, quote \" and backslash \\",
            "ünïcödé 🚓 — dash", "", "\\N is not null", "tab\there"};
        for (int i = 0; i < 1000; i++) {
            entries.add(new TranscriptEntry(i * 10L, i % 2 == 0 ? Speaker.OPERATOR : Speaker.CALLER,
                    awkward[i % awkward.length], i % 3 == 0 ? null : "calm", i % 5 == 0 ? null : 0.5, null));
        }
        List<UUID> ids = new TranscriptRepository(ctx).appendAll(session, entries);
        List<TranscriptLine> stored = new TranscriptRepository(ctx).transcript(session);
        assertEquals(1000, stored.size());
        for (int i = 0; i < entries.size(); i++) {
            TranscriptEntry entry = entries.get(i);
            TranscriptLine line = stored.get(i);
            assertEquals(ids.get(i), line.id());
            assertEquals(entry.text(), line.text(), "text of line " + i);
            assertEquals(entry.emotionalState(), line.emotionalState(), "emotional state of line " + i);
            assertEquals(entry.confidence(), line.confidence(), "confidence of line " + i);
            assertEquals(entry.speaker(), line.speaker());
        }
    }

    @Test
    void shouldLeaveNothingOfABulkAppendWhoseTransactionFails() {
        UUID session = newSession();
        List<TranscriptEntry> entries = List.of(TranscriptEntry.of(0, Speaker.OPERATOR, "one"),
                TranscriptEntry.of(1, Speaker.CALLER, "two"));
        assertThrows(RuntimeException.class, () -> ctx.transaction(configuration -> {
            new TranscriptRepository(configuration.dsl()).appendAll(session, entries);
            new TranscriptRepository(configuration.dsl()).appendAll(UUID.randomUUID(), entries); // no such session
        }));
        assertEquals(0, new TranscriptRepository(ctx).transcript(session).size());
    }

    @Test
    void shouldStoreABatchOnceWhenItIsSentAgainUnderItsBatchId() {
        UUID session = newSession();
        UUID batchId = UUID.randomUUID();
        List<TranscriptEntry> entries = List.of(TranscriptEntry.of(0, Speaker.OPERATOR, "911, what is your emergency?"),
                TranscriptEntry.of(1500, Speaker.CALLER, "There's smoke everywhere"));
        TranscriptRepository transcripts = new TranscriptRepository(ctx);
        List<UUID> first = transcripts.appendAll(batchId, session, entries);
        // As if the first commit's answer had been lost: the importer sends the same batch again.
        List<UUID> again = transcripts.appendAll(batchId, session, entries);

        assertEquals(first, again);
        assertEquals(first, transcripts.transcript(session).stream().map(TranscriptLine::id).toList(), "stored once");
        InvalidInputException otherSession = assertThrows(InvalidInputException.class,
                () -> transcripts.appendAll(batchId, newSession(), entries));
        assertTrue(otherSession.getMessage().contains("was stored in another session than"), otherSession.getMessage());
        InvalidInputException otherSize = assertThrows(InvalidInputException.class,
                () -> transcripts.appendAll(batchId, session, List.of(entries.get(0), entries.get(1), TranscriptEntry.of(3000, Speaker.OPERATOR, "Get out"))));
        assertTrue(otherSize.getMessage().contains("was stored with another number of entries than this one's 3"), otherSize.getMessage());
        assertEquals(2, transcripts.transcript(session).size());
    }

    @Test
    void shouldAttachEntitiesWhoseSpanMatchesTheText() {
        UUID session = newSession();
        UUID line = new TranscriptRepository(ctx).append(session,
                TranscriptEntry.of(5000, Speaker.CALLER, "He has a knife and I'm at 88 Birch Lane"));
        ExtractedEntityRepository entities = new ExtractedEntityRepository(ctx);
        entities.attach(line, EntityType.LOCATION, "88 Birch Lane", 0.93, 26, 39);
        entities.attach(line, EntityType.WEAPON, "knife", 0.97, 9, 14);

        assertEquals(List.of("knife", "88 Birch Lane"),
                entities.forTranscriptEntry(line).stream().map(ExtractedEntity::value).toList());
        List<EntityOccurrence> weapons = entities.findByType(EntityType.WEAPON, 100);
        assertTrue(weapons.stream().anyMatch(o -> o.sessionId().equals(session) && o.timestampMs() == 5000), weapons::toString);
    }

    @Test
    void shouldRejectASpanOutsideTheTextOrNotMatchingTheValue() {
        UUID session = newSession();
        UUID line = new TranscriptRepository(ctx).append(session, TranscriptEntry.of(0, Speaker.CALLER, "My leg is bleeding"));
        ExtractedEntityRepository entities = new ExtractedEntityRepository(ctx);
        InvalidInputException outside = assertThrows(InvalidInputException.class,
                () -> entities.attach(line, EntityType.INJURY, "bleeding", 0.8, 10, 40));
        assertTrue(outside.getMessage().contains("is outside the text"), outside.getMessage());
        InvalidInputException mismatch = assertThrows(InvalidInputException.class,
                () -> entities.attach(line, EntityType.INJURY, "bleeding", 0.8, 3, 11));
        assertTrue(mismatch.getMessage().contains("covers 'leg is b', not the value 'bleeding'"), mismatch.getMessage());
        assertEquals(0, ctx.fetchCount(Tables.EXTRACTED_ENTITIES, Tables.EXTRACTED_ENTITIES.TRANSCRIPT_ID.eq(line)));
    }
}
