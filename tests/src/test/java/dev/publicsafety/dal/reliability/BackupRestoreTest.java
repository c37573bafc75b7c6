package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.partition.PartitionMaintenance;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Sql;
import dev.publicsafety.dal.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's backup recipe, run: {@code pg_dump} of a database with two organizations' data,
 * taken as the owner, restored into a new database, works there as it did: migrations validate,
 * the application role sees only its organization, the audit chains verify, the partitions and
 * the mention index are there and maintained. pg_dump must match the server's major version; a
 * machine without it skips the test, saying which one it looked for.
 */
@IsolatedDatabase
class BackupRestoreTest {

    private static final Actor ACTOR = Actor.service("backup-probe");
    private static final OffsetDateTime NOON = OffsetDateTime.now(ZoneOffset.UTC).withHour(12);
    private static ApplicationRole app;
    private static UUID north;
    private static UUID south;

    @BeforeAll
    static void twoOrganizations(TestDatabase db) {
        app = ApplicationRole.create(db, 2);
        FleetDatabase fleet = new FleetDatabase(app.dataSource());
        north = fleet.createOrganization(ACTOR, NewOrganization.of("North agency", "north-agency")).id();
        south = fleet.createOrganization(ACTOR, NewOrganization.of("South agency", "south-agency")).id();
        for (UUID org : List.of(north, south)) {
            fleet.execute(org, ACTOR, tx -> {
                UUID channel = tx.channels().create(new NewRadioChannel("Dispatch", ChannelSourceType.SIP,
                        Map.of("uri", "sip:dispatch@pbx.example.org"))).id();
                for (int i = 0; i < 3; i++) {
                    tx.incidents().open(NewIncident.of("INC-" + i, "Smoke " + i, "fire", 2));
                }
                String plate = org.equals(north) ? "8RVT214" : "5SOU777";
                tx.transmissions().record(NewTransmission.of(channel, NOON.minusHours(1), NOON)
                        .transcribed("plate " + plate, 0.9, "en", List.of(TransmissionEntity.of("PLATE", plate))));
            });
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        app.close();
    }

    @Test
    void shouldRestoreADumpIntoAWorkingDatabase(TestDatabase db, @TempDir Path dir) throws Exception {
        Path pgDump = clientFor(db, "pg_dump");
        Path pgRestore = clientFor(db, "pg_restore");
        Path dump = dir.resolve("fleet.dump");
        run(db, pgDump.toString(), "--format=custom", "--file=" + dump, "--dbname=" + db.name());
        String restoredName = db.name() + "_restored";
        Sql.execute(db.dataSource(), "CREATE DATABASE \"" + restoredName + "\"");
        try {
            run(db, pgRestore.toString(), "--exit-on-error", "--dbname=" + restoredName, dump.toString());
            DataSource owner = db.url().withDatabase(restoredName).dataSource();

            MigrationRunner migrations = new MigrationRunner(owner);
            for (Domain domain : Domain.values()) {
                assertEquals(List.of(), migrations.validate(domain), domain + " history");
                assertEquals(new MigrationRunner(db.dataSource()).currentVersion(domain), migrations.currentVersion(domain));
            }
            assertEquals(partitions(db.dataSource()), partitions(owner), "the monthly partitions and the default ones");
            assertEquals(mentions(db.dataSource()), mentions(owner), "the mention index's rows");

            List<AuditChainVerifier.Result> chains = new AuditChainVerifier(owner).verify(Optional.empty(), List.of());
            assertEquals(2, chains.size(), chains.toString());
            assertTrue(chains.stream().allMatch(AuditChainVerifier.Result::intact), chains.toString());
            assertEquals(new AuditChainVerifier(db.dataSource()).verify(Optional.empty(), List.of()), chains,
                    "the same chains, up to the same last links");

            // What pg_dump does not carry (the role, its password, database-level grants): recreated as the recipe says.
            FleetRoles.grantTo(owner, app.name());
            FleetDatabase restored = new FleetDatabase(app.url().withDatabase(restoredName).dataSource());
            List<Incident> northIncidents = restored.inTransaction(north, ACTOR,
                    tx -> tx.incidents().openByPriority(PageRequest.first(50)).items());
            assertEquals(3, northIncidents.size());
            assertTrue(northIncidents.stream().allMatch(incident -> incident.orgId().equals(north)), northIncidents.toString());
            assertEquals(0, plateMentions(restored, south, "8RVT214"), "another organization's plate");
            assertEquals(1, plateMentions(restored, north, "8RVT214"));
            UUID channel = restored.inTransaction(north, ACTOR, tx -> tx.channels().findByName("Dispatch").orElseThrow().id());
            restored.execute(north, ACTOR, tx -> tx.transmissions().record(NewTransmission.of(channel, NOON, NOON.plusMinutes(1))
                    .transcribed("plate 1NEW001", 0.9, "en", List.of(TransmissionEntity.of("PLATE", "1NEW001")))));
            assertEquals(1, plateMentions(restored, north, "1NEW001"), "the triggers keeping the mention index still run");
            assertTrue(new AuditChainVerifier(owner).verify(Optional.of(north), List.of()).get(0).intact(),
                    "the chain goes on from the restored head");
        } finally {
            Sql.execute(db.dataSource(), "DROP DATABASE IF EXISTS \"" + restoredName + "\" WITH (FORCE)");
        }
    }

    private static int plateMentions(FleetDatabase fleet, UUID org, String plate) {
        return fleet.inTransaction(org, ACTOR, tx -> tx.transmissions().mentioning("PLATE", plate, PageRequest.first(10)).items().size());
    }

    /** The client of the server's major version, where Debian's postgresql-common puts it; the test is skipped without it. */
    private static Path clientFor(TestDatabase db, String program) throws SQLException {
        int major;
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            major = rs.getInt(1);
        }
        Path client = Path.of("/usr/lib/postgresql", String.valueOf(major), "bin", program);
        Assumptions.assumeTrue(Files.isExecutable(client), "no " + client + " for this PostgreSQL " + major
                + " server (run with DAL_TEST_DATABASE_URL pointing at a server whose client tools are installed)");
        return client;
    }

    private static void run(TestDatabase db, String... command) throws IOException, InterruptedException {
        DatabaseUrl url = db.url();
        List<String> line = new ArrayList<>(List.of(command));
        line.addAll(List.of("--host=" + url.host(), "--port=" + url.port(), "--username=" + url.user(), "--no-password"));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        if (url.password() != null) {
            builder.environment().put("PGPASSWORD", url.password());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS), "still running: " + line);
        assertEquals(0, process.exitValue(), line + "\n" + output);
        assertFalse(output.contains("error"), output);
    }

    private static List<String> partitions(DataSource owner) {
        return new PartitionMaintenance(owner).list().stream()
                .map(p -> p.name() + " " + p.from().map(Object::toString).orElse("") + " " + p.to())
                .sorted().toList();
    }

    private static List<String> mentions(DataSource owner) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT org_id || ' ' || entity_type || ' ' || entity_value || ' ' || transmission_id"
                     + " FROM fleet.transmission_mentions ORDER BY 1")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        assertFalse(rows.isEmpty(), "no mentions to compare");
        return rows;
    }

}
