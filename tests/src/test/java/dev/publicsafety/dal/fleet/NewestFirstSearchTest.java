package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.organization.Organization;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.radio.Transmission;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fleet V7's newest-first searches, through the repository as the application role: entity
 * mentions kept by triggers (bulk ingest, transcription changes, soft delete, purge), and
 * transcript matches found in widening time windows, both paged to the end with keyset cursors.
 */
@IsolatedDatabase
class NewestFirstSearchTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2025-06-01T00:00:00Z");
    private static final Actor RECORDER = Actor.service("recorder-search");

    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID org;
    private static Tenant acting;
    private static UUID channel;

    @BeforeAll
    static void setUp(ApplicationRole role) {
        app = role;
        fleet = new FleetDatabase(app.dataSource());
        Organization created = FleetTestSupport.organization(fleet, "newest-first");
        org = created.id();
        acting = new Tenant(created, app, fleet, RECORDER);
        channel = FleetTestSupport.channel(fleet, org, "Search").id();
    }



    /** Every page of a search, followed to its end. */
    private static List<Transmission> allPages(Function<PageRequest, TransactionWork<Page<Transmission>>> search, int size) {
        List<Transmission> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(size);
        while (request != null) {
            Page<Transmission> page = acting.inTransaction(search.apply(request));
            assertTrue(page.items().size() == size || !page.hasNext(), "only the last page is short");
            seen.addAll(page.items());
            request = page.nextRequest().orElse(null);
        }
        return seen;
    }

    private static List<UUID> newestFirst(List<Transmission> rows) {
        return rows.stream().sorted(Comparator.comparing(Transmission::startedAt).thenComparing(Transmission::id).reversed())
                .map(Transmission::id).toList();
    }

    @Test
    void shouldPageEveryMentionNewestFirstAndFollowTranscriptionChangesAndDeletes() {
        String plate = "7SRCH01";
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            List<TransmissionEntity> entities = i % 3 == 0
                    ? List.of(new TransmissionEntity("PLATE", plate, 0.9, null, null), new TransmissionEntity("PLATE", plate, 0.8, null, null),
                            new TransmissionEntity("UNIT", "Medic " + i, 0.9, null, null))
                    : List.of(new TransmissionEntity("PLATE", "OTHER" + i, 0.9, null, null));
            // Two transmissions share each second, so the keyset's tie on started_at is exercised.
            batch.add(NewTransmission.of(channel, T0.plusSeconds(i / 2), null).transcribed("run plate " + i, 0.9, "en", entities));
        }
        List<UUID> ids = acting.inTransaction(t -> t.transmissions().bulkIngest(batch)).ids();

        List<Transmission> found = allPages(page -> t -> t.transmissions().mentioning("PLATE", plate, page), 7);
        assertEquals(100, found.size(), "one row per transmission, though each names the plate twice");
        assertEquals(newestFirst(found), found.stream().map(Transmission::id).toList(), "newest first, then by id");

        UUID dropped = ids.get(297);
        UUID added = ids.get(298);
        UUID deleted = ids.get(294);
        acting.inTransaction(t -> {
            t.transmissions().transcribe(dropped, "run plate corrected", 0.9, "en", List.of(TransmissionEntity.of("PLATE", "CORRECTED")));
            t.transmissions().transcribe(added, "run plate " + plate, 0.9, "en", List.of(TransmissionEntity.of("PLATE", plate)));
            t.transmissions().tag(added, "reviewed"); // an update that leaves the entities alone
            t.transmissions().softDelete(deleted);
            return null;
        });
        List<UUID> after = allPages(page -> t -> t.transmissions().mentioning("PLATE", plate, page), 7).stream()
                .map(Transmission::id).toList();
        assertEquals(99, after.size());
        assertTrue(after.contains(added));
        assertFalse(after.contains(dropped), "a transcription that no longer names the plate leaves the search");
        assertFalse(after.contains(deleted), "a soft-deleted transmission is not found");
        assertEquals(List.of(ids.get(297)), acting.inTransaction(t -> t.transmissions().mentioning("PLATE", "CORRECTED", PageRequest.first(5))).items()
                .stream().map(Transmission::id).toList());
        assertEquals(0, acting.inTransaction(t -> t.transmissions().mentioning("PLATE", plate.toLowerCase(), PageRequest.first(5))).items().size(),
                "values compare exactly, as JSONB containment did");
    }

    @Test
    void shouldFindAnEntityValueTooLongForAnIndexEntry() {
        String address = "1 " + "Very Long Street Name ".repeat(40);
        UUID id = acting.inTransaction(t -> t.transmissions().record(NewTransmission.of(channel, T0.plusDays(1), null)
                .transcribed("at " + address, 0.9, "en", List.of(TransmissionEntity.of("ADDRESS", address))))).id();
        assertEquals(List.of(id), acting.inTransaction(t -> t.transmissions().mentioning("ADDRESS", address, PageRequest.first(5))).items().stream()
                .map(Transmission::id).toList());
        assertEquals(0, acting.inTransaction(t -> t.transmissions().mentioning("ADDRESS", address + "x", PageRequest.first(5))).items().size());
    }

    @Test
    void shouldPageTranscriptMatchesNewestFirstAcrossWindowsOfEveryWidth() {
        // Matches an hour apart, then days apart, then months: every window width is needed.
        UUID searchChannel = FleetTestSupport.channel(fleet, org, "Windows").id();
        List<NewTransmission> batch = new ArrayList<>();
        OffsetDateTime newest = T0.plusYears(1);
        for (int i = 0; i < 60; i++) {
            long minutesBack = i < 20 ? i * 7L : i < 40 ? 20 * 7L + (i - 20) * 60L * 24 : 20 * 7L + 20 * 60L * 24 + (i - 40) * 60L * 24 * 20;
            OffsetDateTime at = newest.minusMinutes(minutesBack);
            batch.add(NewTransmission.of(searchChannel, at, null).transcribed("caller is not breathing " + i, 0.9, "en", List.of()));
            batch.add(NewTransmission.of(searchChannel, at.plusSeconds(1), null).transcribed("engine returning " + i, 0.9, "en", List.of()));
        }
        List<UUID> ids = acting.inTransaction(t -> t.transmissions().bulkIngest(batch)).ids();
        List<Transmission> found = allPages(page -> t -> t.transmissions().searchTranscripts("breathe", page), 6);
        assertEquals(60, found.size(), "stemmed: breathe finds breathing");
        assertEquals(newestFirst(found), found.stream().map(Transmission::id).toList());
        assertEquals(ids.get(0), found.get(0).id());
        assertEquals(ids.get(118), found.get(59).id(), "the oldest match, months back, is reached");

        acting.inTransaction(t -> {
            t.transmissions().softDelete(ids.get(2));
            return null;
        });
        assertEquals(59, allPages(page -> t -> t.transmissions().searchTranscripts("breathing", page), 50).size());
        assertEquals(0, acting.inTransaction(t -> t.transmissions().searchTranscripts("nothing-like-this", PageRequest.first(5))).items().size());
        Cursor ofAnotherList = acting.inTransaction(t -> t.transmissions().searchTranscripts("engine", PageRequest.first(1))).next();
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> acting.inTransaction(t -> t.transmissions().searchTranscripts("breathing", PageRequest.after(ofAnotherList, 5))));
        assertTrue(refused.getMessage().contains("belongs to another list"), refused::getMessage);
    }

    @Test
    void shouldStartTranscriptSearchAtARowDatedAheadAndReachRowsOlderThanTheRecentWeek() throws SQLException {
        // fleet V14 looks for the newest row among the last seven days' first, by the server's clock
        OffsetDateTime serverNow;
        try (Connection connection = app.dataSource().getConnection(); Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("SELECT now()")) {
            rs.next();
            serverNow = rs.getObject(1, OffsetDateTime.class);
        }
        UUID recentChannel = FleetTestSupport.channel(fleet, org, "Recent").id();
        List<OffsetDateTime> times = List.of(serverNow.plusDays(400), serverNow.minusMinutes(10), serverNow.minusDays(3),
                serverNow.minusDays(30), serverNow.minusDays(200));
        List<UUID> ids = acting.inTransaction(t -> t.transmissions().bulkIngest(times.stream()
                .map(at -> NewTransmission.of(recentChannel, at, null).transcribed("patient has stridor", 0.9, "en", List.of()))
                .toList())).ids();

        List<Transmission> found = allPages(page -> t -> t.transmissions().searchTranscripts("stridor", page), 2);

        assertEquals(ids, found.stream().map(Transmission::id).toList(), "the one dated ahead (a device clock) first, then back in time");
    }

    @Test
    void shouldLetTheApplicationRoleReadMentionsButNeverWriteThem() throws SQLException {
        try (Connection connection = app.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> sql.execute("INSERT INTO fleet.transmission_mentions"
                    + " VALUES ('" + org + "', 'PLATE', 'FORGED', now(), gen_random_uuid())"));
            assertEquals("42501", refused.getSQLState(), refused.getMessage());
            assertThrows(SQLException.class, () -> sql.execute("DELETE FROM fleet.transmission_mentions"));
        }
    }
}
