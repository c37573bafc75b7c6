package dev.publicsafety.dal.fleet.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.FleetDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading an export refuses every broken record with one line naming file, record and field,
 * before anything could be written (no database here: the checks need none).
 */
class DispatchProductExportTest {

    private static final String ORG = "0a000000-0000-4000-8000-000000000001";
    private static final String ORGANIZATIONS = "[{\"id\": \"" + ORG + "\", \"name\": \"Metro\", \"slug\": \"metro\"},"
            + " {\"id\": \"0b000000-0000-4000-8000-000000000001\", \"name\": \"Harbor\", \"slug\": \"harbor\"}]";

    @TempDir
    Path export;

    private List<String> refusals(String... files) throws IOException {
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(export.resolve(files[i]), files[i + 1]);
        }
        return DispatchProductExport.read(export).refusals().stream().map(ImportRefusal::toString).toList();
    }

    private static String user(String id, String org, String more) {
        return "{\"id\": \"" + id + "\", \"organization_id\": \"" + org + "\", \"email\": \"u@metro.example\", \"full_name\": \"U\""
                + more + "}";
    }

    @Test
    void shouldReadAValidExportIntoOneImportPerOrganizationInFileOrder() throws IOException {
        assertEquals(List.of(), refusals("organizations.json", ORGANIZATIONS));
        List<DispatchProductExport.OrganizationImport> organizations = DispatchProductExport.read(export).organizations();
        assertEquals(List.of("metro", "harbor"), organizations.stream().map(DispatchProductExport.OrganizationImport::slug).toList());
        assertEquals(FleetDatabase.organizationId("metro"), organizations.get(0).orgId());
    }

    @Test
    void shouldRefuseAMissingOrganizationsFileAndAFileThatIsNotAnArrayOfObjects() throws IOException {
        assertEquals(List.of("organizations.json: missing from " + export + "; an export needs its organizations",
                        "users.json: must hold a JSON array of records"),
                refusals("users.json", "{}"));
        Files.delete(export.resolve("users.json"));
        assertEquals(List.of("webhooks.json[0]: must be a JSON object"),
                refusals("organizations.json", ORGANIZATIONS, "webhooks.json", "[42]"));
        assertEquals("webhooks.json: not JSON at line 1",
                refusals("webhooks.json", "[{").get(0).substring(0, "webhooks.json: not JSON at line 1".length()));
    }

    @Test
    void shouldRefuseABadEnumAMissingFieldAnUnknownKeyAndADuplicateId() throws IOException {
        assertEquals(List.of(
                        "users.json[0] (id 0a000000-0000-4000-8000-000000000101) field full_name: required",
                        "users.json[1] (id 0a000000-0000-4000-8000-000000000102) field nickname: unknown key; this record type has"
                                + " [created_at, email, full_name, id, is_active, last_login_at, oidc_sub, organization_id, roles, updated_at]",
                        "users.json[2] (id 0a000000-0000-4000-8000-000000000101) field id: the same id as users.json[0]",
                        "assets.json[0] (id 0a000000-0000-4000-8000-000000000301) field asset_type: 'BOAT' is not one of"
                                + " [VEHICLE, RADIO, DEVICE, EQUIPMENT]"),
                refusals("organizations.json", ORGANIZATIONS,
                        "users.json", "[{\"id\": \"0a000000-0000-4000-8000-000000000101\", \"organization_id\": \"" + ORG + "\","
                                + " \"email\": \"a@metro.example\"},"
                                + user("0a000000-0000-4000-8000-000000000102", ORG, ", \"nickname\": \"x\"") + ","
                                + user("0a000000-0000-4000-8000-000000000101", ORG, "") + "]",
                        "assets.json", "[{\"id\": \"0a000000-0000-4000-8000-000000000301\", \"organization_id\": \"" + ORG + "\","
                                + " \"asset_type\": \"BOAT\", \"name\": \"Skiff\"}]"));
    }

    @Test
    void shouldRefuseDanglingAndCrossOrganizationReferences() throws IOException {
        assertEquals(List.of(
                        "users.json[0] (id 0a000000-0000-4000-8000-000000000101) field organization_id:"
                                + " no organization 0c000000-0000-4000-8000-000000000001 in organizations.json",
                        "crews.json[0] (id 0b000000-0000-4000-8000-000000000401) field members[0]: user"
                                + " 0a000000-0000-4000-8000-000000000102 belongs to another organization (" + ORG + ")",
                        "tasks.json[0] (id 0a000000-0000-4000-8000-000000000601) field incident_id:"
                                + " no incident 0a000000-0000-4000-8000-000000000599 in incidents.json",
                        "transmissions.json[0] (id 0a000000-0000-4000-8000-000000000701) field channel_id:"
                                + " no radio channel 0a000000-0000-4000-8000-000000000299 in radio_channels.json"),
                refusals("organizations.json", ORGANIZATIONS,
                        "users.json", "[" + user("0a000000-0000-4000-8000-000000000101", "0c000000-0000-4000-8000-000000000001", "")
                                + "," + user("0a000000-0000-4000-8000-000000000102", ORG, "") + "]",
                        "crews.json", "[{\"id\": \"0b000000-0000-4000-8000-000000000401\","
                                + " \"organization_id\": \"0b000000-0000-4000-8000-000000000001\", \"name\": \"C\","
                                + " \"members\": [{\"user_id\": \"0a000000-0000-4000-8000-000000000102\"}]}]",
                        "tasks.json", "[{\"id\": \"0a000000-0000-4000-8000-000000000601\","
                                + " \"incident_id\": \"0a000000-0000-4000-8000-000000000599\", \"title\": \"T\"}]",
                        "transmissions.json", "[{\"id\": \"0a000000-0000-4000-8000-000000000701\","
                                + " \"channel_id\": \"0a000000-0000-4000-8000-000000000299\", \"started_at\": \"2026-03-01T08:00:00Z\"}]"));
    }

    @Test
    void shouldRefuseWhatOurValidationRefusesNamingTheProductsField() throws IOException {
        List<String> refused = refusals("organizations.json", ORGANIZATIONS,
                "users.json", "[{\"id\": \"0a000000-0000-4000-8000-000000000101\", \"organization_id\": \"" + ORG + "\","
                        + " \"email\": \"not-an-address\", \"full_name\": \"U\"}]",
                "radio_channels.json", "[{\"id\": \"0a000000-0000-4000-8000-000000000201\", \"organization_id\": \"" + ORG + "\","
                        + " \"name\": \"Ch\", \"talkgroup\": \"T\", \"source_type\": \"SIP\", \"metadata\": {\"sip_uri\": \"http://x\"}}]",
                "policies.json", "[{\"id\": \"0a000000-0000-4000-8000-000000000801\", \"organization_id\": \"" + ORG + "\","
                        + " \"name\": \"p\", \"rules_yaml\": \"rules: []\"}]");

        assertEquals(3, refused.size(), refused::toString);
        assertEquals("users.json[0] (id 0a000000-0000-4000-8000-000000000101) field email: user email 'not-an-address' is not an"
                + " email address", refused.get(0));
        assertTrue(refused.get(1).startsWith("radio_channels.json[0] (id 0a000000-0000-4000-8000-000000000201) field metadata: "),
                refused::toString);
        assertTrue(refused.get(1).contains("sip:"), "says what a SIP URI is: " + refused);
        assertTrue(refused.get(2).startsWith("policies.json[0] (id 0a000000-0000-4000-8000-000000000801) field rules_yaml: "),
                refused::toString);
    }

    @Test
    void shouldRefuseATaskStartedOrCompletedWithoutAnAssignee() throws IOException {
        assertEquals(List.of("tasks.json[0] (id 0a000000-0000-4000-8000-000000000601) field assignee_id: required for a task that is"
                        + " completed: ours are started by their assignee"),
                refusals("organizations.json", ORGANIZATIONS,
                        "incidents.json", "[{\"id\": \"0a000000-0000-4000-8000-000000000501\", \"organization_id\": \"" + ORG + "\","
                                + " \"incident_number\": \"N-1\", \"title\": \"Fire\", \"incident_type\": \"fire\"}]",
                        "tasks.json", "[{\"id\": \"0a000000-0000-4000-8000-000000000601\","
                                + " \"incident_id\": \"0a000000-0000-4000-8000-000000000501\", \"title\": \"T\", \"status\": \"completed\"}]"));
    }
}
