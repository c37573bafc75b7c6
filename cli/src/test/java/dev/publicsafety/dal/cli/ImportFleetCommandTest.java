package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dal import fleet} on an export of two organizations written from the dispatch product's
 * API response shapes ({@code src/test/resources/dispatch-product-export}), in the order an
 * operator runs it: dry run, import, rerun, a broken export.
 */
@IsolatedDatabase
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportFleetCommandTest {

    private static final String METRO = FleetDatabase.organizationId("metro-fire").toString();
    private static final String HARBOR = FleetDatabase.organizationId("harbor-ems").toString();
    private static final List<String> TABLES = List.of("organizations", "users", "radio_channels", "assets", "crews", "incidents",
            "tasks", "transmissions", "policies", "webhooks", "audit_logs");

    private static Path export() throws URISyntaxException {
        return Path.of(ImportFleetCommandTest.class.getResource("/dispatch-product-export/organizations.json").toURI()).getParent();
    }

    @Test
    @Order(1)
    void shouldPrintWhatWouldBeCreatedAndWriteNothingOnADryRun(TestDatabase db) throws Exception {
        Dal.Result dryRun = Dal.run("import", "fleet", "--dir", export().toString(), "--dry-run", "--url", Dal.url(db));

        assertEquals(0, dryRun.exit(), dryRun::toString);
        assertTrue(dryRun.out().startsWith("would create 16 records for organization metro-fire (" + METRO + "): organizations.json 1,"
                + " users.json 2, radio_channels.json 2, assets.json 2, crews.json 1, incidents.json 2, tasks.json 2,"
                + " transmissions.json 2, policies.json 1, webhooks.json 1\n"), dryRun::toString);
        assertTrue(dryRun.out().contains("  would create users.json 0a000000-0000-4000-8000-000000000101 dana.reyes@metro-fire.example\n"),
                dryRun::toString);
        assertTrue(dryRun.out().contains("would create 9 records for organization harbor-ems (" + HARBOR + ")"), dryRun::toString);
        assertTrue(dryRun.out().endsWith("dry run: rolled back, nothing was written\n"), dryRun::toString);
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), counts(db));
    }

    @Test
    @Order(2)
    void shouldImportBothOrganizationsAuditedAsTheActor(TestDatabase db) throws Exception {
        Dal.Result run = Dal.run("import", "fleet", "--dir", export().toString(), "--actor", "move-off-product", "--url", Dal.url(db));

        assertEquals(0, run.exit(), run::toString);
        assertEquals("created 16 records for organization metro-fire (" + METRO + "): organizations.json 1, users.json 2,"
                + " radio_channels.json 2, assets.json 2, crews.json 1, incidents.json 2, tasks.json 2, transmissions.json 2,"
                + " policies.json 1, webhooks.json 1\n"
                + "created 9 records for organization harbor-ems (" + HARBOR + "): organizations.json 1, users.json 1,"
                + " radio_channels.json 1, assets.json 1, crews.json 1, incidents.json 1, tasks.json 1, transmissions.json 1,"
                + " policies.json 1\n", run.out());
        List<Integer> counts = counts(db);
        assertEquals(List.of(2, 3, 3, 3, 2, 3, 3, 3, 2, 1), counts.subList(0, 10));
        // one create per record, and every follow-up (status walks, deactivations, assignment…) audited too, all by the actor
        assertEquals(List.of("25"), rows(db, "select count(*) from fleet.audit_logs where action = 'create'"));
        assertEquals(List.of("move-off-product"), rows(db, "select distinct actor from fleet.audit_logs"));
        assertEquals(List.of(METRO + " hitl", HARBOR + " monitor_only"),
                rows(db, "select id || ' ' || operation_mode from fleet.organizations order by name desc"));
        // product ids kept, statuses walked through our workflows, the product's shapes turned into ours
        assertEquals(List.of("closed 1", "new 5", "on_scene 3"),
                rows(db, "select status || ' ' || priority from fleet.incidents order by status::text"));
        assertEquals(List.of("0a000000-0000-4000-8000-000000000601 completed", "0a000000-0000-4000-8000-000000000602 pending",
                "0b000000-0000-4000-8000-000000000601 in_progress"), rows(db, "select id || ' ' || status from fleet.tasks order by id"));
        assertEquals(List.of("sam.okafor@metro-fire.example false"),
                rows(db, "select email || ' ' || is_active from fleet.users where not is_active"));
        assertEquals(List.of("{\"uri\": \"sip:fd1@radio.metro-fire.example\", \"codec\": \"opus\"} FD-1"),
                rows(db, "select source_config::text || ' ' || talkgroup from fleet.radio_channels where source_type = 'SIP'"));
        assertEquals(List.of("E-42 UNIT unit_ids"), rows(db, "select e->>'value' || ' ' || (e->>'type') || ' ' || (e->>'category')"
                + " from fleet.transmissions t, jsonb_array_elements(t.entities) e where t.id = '0a000000-0000-4000-8000-000000000701'"
                + " and e->>'category' = 'unit_ids'"));
        assertEquals(List.of("transcribed 1", "failed 4", "transcribed 3"),
                rows(db, "select status || ' ' || priority from fleet.transmissions order by id"));
        assertEquals(List.of("assigned in_use maintenance"), rows(db, "select string_agg(status::text, ' ' order by status::text) from fleet.assets"));
        assertEquals(List.of("off_duty"), rows(db, "select status::text from fleet.crews where name = 'Night medics'"));
        assertEquals(List.of("5 15000 true"), rows(db, "select retry_count || ' ' || timeout_ms || ' ' || is_active from fleet.webhooks"));
        assertEquals(List.of("0a000000-0000-4000-8000-000000000001 {\"policy_engine\": true, \"webhook_delivery\": true}"),
                rows(db, "select (metadata->>'product_id') || ' ' || feature_flags::text from fleet.organizations where slug = 'metro-fire'"));
        assertEquals(List.of("aad|dana-reyes", "aad|lee-tran", "sam.okafor@metro-fire.example"),
                rows(db, "select oidc_subject from fleet.users order by oidc_subject"));
        assertEquals(List.of("Fireground Stream ICECAST FG_2 false 22050"), rows(db, "select name || ' ' || source_type || ' ' || talkgroup"
                + " || ' ' || is_active || ' ' || (source_config->>'sample_rate') from fleet.radio_channels where not is_active"));
        assertEquals(List.of("Engine 42 vehicle 1FDUF5HT0KEA12345", "Medic 7 vehicle MED-7", "Thermal camera 3 equipment "),
                rows(db, "select name || ' ' || asset_type || ' ' || coalesce(vin_or_serial, '') from fleet.assets order by name"));
        assertEquals(List.of("Engine 42 crew 2026-03-01 07:00:00+00 Engine 42"), rows(db, "select c.name || ' ' || c.shift_start || ' ' || a.name"
                + " from fleet.crews c join fleet.assets a on a.crew_id = c.id and a.org_id = c.org_id"));
        assertEquals(List.of("escalate-structure-fires 10 true", "medical-notify 50 false"),
                rows(db, "select name || ' ' || priority || ' ' || is_enabled from fleet.policies order by name"));
        assertEquals(List.of("MF-2026-0031 2026-03-01 08:15:00+00 {hazmat} 123 Main Street"), rows(db, "select incident_number || ' ' || reported_at"
                + " || ' ' || tags::text || ' ' || (location->>'address') from fleet.incidents where status = 'closed'"));
        Dal.Result verify = Dal.run("audit", "verify", "--url", Dal.url(db));
        assertEquals(0, verify.exit(), verify::toString);
    }

    @Test
    @Order(3)
    void shouldCreateNothingOnARerun(TestDatabase db) throws Exception {
        List<Integer> before = counts(db);

        Dal.Result rerun = Dal.run("import", "fleet", "--dir", export().toString(), "--url", Dal.url(db));

        assertEquals(0, rerun.exit(), rerun::toString);
        assertEquals("created 0 records for organization metro-fire (" + METRO + "): every record is already there\n"
                + "created 0 records for organization harbor-ems (" + HARBOR + "): every record is already there\n", rerun.out());
        assertEquals(before, counts(db));
    }

    @Test
    @Order(4)
    void shouldRefuseBrokenRecordsNamingFileRecordAndFieldAndWriteNothing(TestDatabase db, @TempDir Path broken) throws Exception {
        copyExport(broken);
        // a new user, which a run would create, beside a task in a status the product does not have and a crew
        // member who is in no users.json
        replace(broken.resolve("users.json"), "\n]", ",\n  {\"id\": \"0a000000-0000-4000-8000-000000000103\","
                + " \"organization_id\": \"0a000000-0000-4000-8000-000000000001\", \"email\": \"new@metro-fire.example\","
                + " \"full_name\": \"New Hire\", \"roles\": [\"viewer\"], \"is_active\": true}\n]");
        replace(broken.resolve("tasks.json"), "\"status\": \"in_progress\"", "\"status\": \"on_hold\"");
        replace(broken.resolve("crews.json"), "[\"0b000000-0000-4000-8000-000000000101\"]", "[\"0b000000-0000-4000-8000-00000000dead\"]");
        List<Integer> before = counts(db);

        for (String[] extra : List.of(new String[] {"--dry-run"}, new String[0])) {
            List<String> args = new ArrayList<>(List.of("import", "fleet", "--dir", broken.toString(), "--url", Dal.url(db)));
            args.addAll(List.of(extra));
            Dal.Result refused = Dal.run(args.toArray(String[]::new));

            assertEquals(1, refused.exit(), refused::toString);
            assertEquals("", refused.out());
            assertEquals("dal import fleet: crews.json[1] (id 0b000000-0000-4000-8000-000000000401) field members[0]:"
                    + " no user 0b000000-0000-4000-8000-00000000dead in the export\n"
                    + "dal import fleet: tasks.json[2] (id 0b000000-0000-4000-8000-000000000601) field status:"
                    + " 'on_hold' is not one of [pending, in_progress, completed, cancelled]\n"
                    + "dal import fleet: 2 refused; nothing was written\n", refused.err());
            assertEquals(before, counts(db));
            List<String> readme = Arrays.stream(Files.readString(Path.of("..", "README.md")).split("```"))
                    .filter(block -> block.contains("dal import fleet: ") && block.contains("refused; nothing was written")).toList();
            assertEquals(List.of(refused.err()), readme.stream().map(block -> block.strip() + "\n").toList(), "the README's example");
        }
    }

    @Test
    @Order(5)
    void shouldRollBackAnOrganizationWhoseRecordASoftDeletedRowHolds(TestDatabase db, @TempDir Path export) throws Exception {
        copyExport(export);
        // a new user, created first, then the soft-deleted one, whose id the import cannot take again
        replace(export.resolve("users.json"), "[\n", "[\n  {\"id\": \"0a000000-0000-4000-8000-000000000100\","
                + " \"organization_id\": \"0a000000-0000-4000-8000-000000000001\", \"email\": \"first@metro-fire.example\","
                + " \"full_name\": \"First\", \"roles\": []},\n");
        // and a new user of harbor-ems, the next organization: not attempted once metro-fire failed
        replace(export.resolve("users.json"), "\n]", ",\n  {\"id\": \"0b000000-0000-4000-8000-000000000102\","
                + " \"organization_id\": \"0b000000-0000-4000-8000-000000000001\", \"email\": \"next@harbor-ems.example\","
                + " \"full_name\": \"Next\", \"roles\": []}\n]");
        rows(db, "update fleet.users set deleted_at = now() where id = '0a000000-0000-4000-8000-000000000102' returning id");
        List<Integer> before = counts(db);

        Dal.Result refused = Dal.run("import", "fleet", "--dir", export.toString(), "--url", Dal.url(db));

        assertEquals(1, refused.exit(), refused::toString);
        assertEquals("", refused.out());
        // the server names the first unique key it finds taken: the id's or the OIDC subject's, both the soft-deleted row's
        assertTrue(refused.err().startsWith("dal import fleet: organization metro-fire rolled back, nothing of it written: unique key users_"),
                refused::toString);
        assertTrue(refused.err().contains("0a000000-0000-4000-8000-000000000102) already exists.) is already taken")
                || refused.err().contains("sam.okafor@metro-fire.example) already exists.) is already taken"), refused::toString);
        assertEquals(1, refused.err().lines().count(), refused::toString);
        assertEquals(before, counts(db));
        assertEquals(List.of(), rows(db, "select id from fleet.users where id in ('0a000000-0000-4000-8000-000000000100',"
                + " '0b000000-0000-4000-8000-000000000102')"));
    }

    @Test
    @Order(6)
    void shouldNameTheRecordARuleOnlyTheWriteChecksRefusesAndKeepTheOrganizationsBeforeIt(TestDatabase db, @TempDir Path export)
            throws Exception {
        copyExport(export);
        rows(db, "update fleet.users set deleted_at = null where id = '0a000000-0000-4000-8000-000000000102' returning id");
        // a new metro-fire user, and a harbor-ems asset whose serial has a letter the product takes and ours does not
        replace(export.resolve("users.json"), "[\n", "[\n  {\"id\": \"0a000000-0000-4000-8000-000000000104\","
                + " \"organization_id\": \"0a000000-0000-4000-8000-000000000001\", \"email\": \"new@metro-fire.example\","
                + " \"full_name\": \"New\", \"roles\": []},\n");
        replace(export.resolve("assets.json"), "[\n", "[\n  {\"id\": \"0b000000-0000-4000-8000-000000000303\","
                + " \"organization_id\": \"0b000000-0000-4000-8000-000000000001\", \"asset_type\": \"RADIO\","
                + " \"name\": \"Portable 9\", \"vin_or_serial\": \"\u00c4B-9\", \"status\": \"available\", \"metadata\": {}},\n");
        List<Integer> before = counts(db);

        Dal.Result refused = Dal.run("import", "fleet", "--dir", export.toString(), "--url", Dal.url(db));

        assertEquals(1, refused.exit(), refused::toString);
        assertEquals("created 1 records for organization metro-fire (" + METRO + "): users.json 1\n", refused.out());
        assertEquals("dal import fleet: organization harbor-ems rolled back, nothing of it written: assets.json record"
                + " 0b000000-0000-4000-8000-000000000303 (Portable 9): VIN or serial '\u00c4B-9' of asset 0b000000-0000-4000-8000-000000000303"
                + " must be 1 to 64 letters, digits and hyphens, starting with a letter or digit; already imported: [metro-fire]\n",
                refused.err());
        List<Integer> after = counts(db);
        assertEquals(before.get(1) + 1, after.get(1), "the new metro-fire user");
        assertEquals(before.get(3), after.get(3), "no harbor-ems asset");
        assertEquals(List.of("new@metro-fire.example"), rows(db, "select email from fleet.users where id = '0a000000-0000-4000-8000-000000000104'"));
    }

    private static void copyExport(Path to) throws Exception {
        try (var files = Files.list(export())) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static void replace(Path file, String what, String with) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(what), file + " has no " + what);
        Files.writeString(file, text.replace(what, with));
    }

    private static List<Integer> counts(TestDatabase db) throws SQLException {
        List<Integer> counts = new ArrayList<>();
        for (String table : TABLES) {
            counts.add(Integer.parseInt(rows(db, "select count(*) from fleet." + table).get(0)));
        }
        return counts;
    }

    private static List<String> rows(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
