package dev.publicsafety.dal.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.radio.Transmission;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Time passes and nobody runs {@code dal partitions create}: a database migrated today, written to
 * by the application (its role, its {@link FleetDatabase} with the default options) once a month
 * for fourteen months and then across the last day of a month, 31 December and 29 February. The
 * clocks of this JVM and of the server move together (libfaketime, see {@link FakeTime}), so the
 * server's {@code now()}, which dates audit rows and decides which months the upkeep creates,
 * moves too. Every transmission and every audit row lands in the partition of its own month, the
 * default partitions stay empty, the audit chain verifies and the mention index finds every plate.
 */
@Tag(FakeTime.TAG)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonthsWithoutAnOperatorTest {

    private static final Actor DISPATCHER = Actor.service("dispatch-console");

    private static FakeTime time;
    private static String name;
    private static TestDatabase db;
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID org;
    private static UUID channel;
    private static final List<String> plates = new ArrayList<>();

    @BeforeAll
    static void migrateToday() {
        time = FakeTime.start(); // before the server starts: its clock only ever moves forward
        name = "dal_t_months_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        db = TestDatabases.shared().create(name, false);
        new MigrationRunner(db.dataSource()).migrateAll();
        app = ApplicationRole.create(db, 2);
        fleet = new FleetDatabase(app.dataSource());
        org = fleet.createOrganization(DISPATCHER, NewOrganization.of("Agency North", "north")).id();
        channel = fleet.inTransaction(org, DISPATCHER, tx -> tx.channels().create(new NewRadioChannel("Dispatch",
                ChannelSourceType.SIP, Map.of("uri", "sip:dispatch@pbx.example.org")))).id();
    }

    @AfterAll
    static void dropDatabase() {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            TestDatabases.shared().drop(name);
        }
    }

    @Test
    @Order(1)
    void shouldWriteEveryMonthIntoItsOwnPartitionForFourteenMonths() throws SQLException {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC);
        for (int month = 1; month <= 14; month++) {
            time.moveTo(start.plusMonths(month).toInstant());
            writeAndCheck("M" + month);
        }
    }

    @Test
    @Order(2)
    void shouldWriteAcrossTheLastDayOfAMonthNewYearsEveAndALeapDay() throws SQLException {
        for (CalendarEdge edge : CalendarEdge.values()) {
            OffsetDateTime lastMinute = edge.instantAfter(Clock.systemUTC(), 1).plusMinutes(29);
            time.moveTo(lastMinute.toInstant());
            assertEquals(lastMinute.toLocalDate(), writeAndCheck(edge.name() + "-before").toLocalDate(), "written before midnight");
            time.moveTo(lastMinute.plusSeconds(90).toInstant());
            assertEquals(lastMinute.toLocalDate().plusDays(1), writeAndCheck(edge.name() + "-after").toLocalDate());
        }
    }

    @Test
    @Order(3)
    void shouldKeepTheAuditChainAndFindEveryPlate() {
        List<AuditChainVerifier.Result> chains = new AuditChainVerifier(db.dataSource()).verify(Optional.empty(), List.of());
        assertTrue(chains.stream().allMatch(AuditChainVerifier.Result::intact), chains::toString);
        assertEquals(14 + 2 * CalendarEdge.values().length, plates.size());
        for (String plate : plates) {
            assertEquals(1, fleet.inTransaction(org, DISPATCHER, tx -> tx.transmissions().mentioning("PLATE", plate,
                    PageRequest.first(10)).items()).size(), plate);
        }
    }

    /**
     * An audited incident and a transmission mentioning a plate, both in the partition of the
     * current month; returns when (UTC) they were written.
     */
    private static OffsetDateTime writeAndCheck(String label) throws SQLException {
        String plate = "P-" + label;
        record Written(Incident incident, Transmission transmission) {
        }
        Written written = fleet.inTransaction(org, DISPATCHER, tx -> {
            Incident incident = tx.incidents().open(NewIncident.of("INC-" + label, "Smoke reported", "fire", 2));
            Transmission recorded = tx.transmissions().record(NewTransmission.of(channel, tx.now(), null));
            return new Written(incident, tx.transmissions().transcribe(recorded.id(), "plate " + plate, 0.9, "en",
                    List.of(TransmissionEntity.of("PLATE", plate))));
        });
        plates.add(plate);
        OffsetDateTime at = written.transmission().startedAt().withOffsetSameInstant(ZoneOffset.UTC);
        String month = String.format("_%04d_%02d", at.getYear(), at.getMonthValue());
        assertEquals(List.of("fleet.transmissions" + month),
                homes("SELECT DISTINCT tableoid::regclass::text FROM fleet.transmissions WHERE id = ?", written.transmission().id()), label);
        assertEquals(List.of("fleet.audit_logs" + month),
                homes("SELECT DISTINCT tableoid::regclass::text FROM fleet.audit_logs WHERE entity_id = ?", written.incident().id()), label);
        assertEquals(List.of(), homes("SELECT id::text FROM fleet.transmissions_default UNION ALL SELECT id::text FROM fleet.audit_logs_default"
                + " WHERE ? IS NOT NULL", org), "nothing waits in a default partition at " + label);
        return at;
    }

    private static List<String> homes(String query, UUID id) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection owner = db.dataSource().getConnection(); PreparedStatement statement = owner.prepareStatement(query)) {
            statement.setObject(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
