package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.ConflictException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.NewUser;
import dev.publicsafety.dal.fleet.policy.NewPolicy;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.unit.NewAsset;
import dev.publicsafety.dal.fleet.unit.NewCrew;
import dev.publicsafety.dal.fleet.webhook.NewWebhook;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rows created under a given id ({@code …WithId}) and an organization created inside its own first
 * unit of work ({@code createThisOrganization}): what {@code dal import fleet} keeps the dispatch
 * product's ids and its all-or-nothing per organization with.
 */
@IsolatedDatabase
class CreateWithIdTest {

    private static final Actor IMPORT = Actor.service("import");
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    private static ApplicationRole role;
    private static Tenant tenant;

    @BeforeAll
    static void setUp(ApplicationRole applicationRole) {
        role = applicationRole;
        tenant = Tenant.create(role, "with-id");
    }

    private static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-%012d", n));
    }

    @Test
    void shouldCreateEveryKindOfRowUnderTheGivenIdAndAuditTheCreate() {
        Actor importer = Actor.service("import-every-kind");
        tenant.inTransaction(importer, tx -> {
            assertEquals(id(1), tx.users().createWithId(id(1), NewUser.of("sub-1", "a@example.org", "A", "dispatcher")).id());
            assertEquals(id(2), tx.channels().createWithId(id(2), new NewRadioChannel("Ch", ChannelSourceType.SIP,
                    Map.of("uri", "sip:ch@pbx.example.org"))).id());
            assertEquals(id(3), tx.transmissions().recordWithId(id(3), NewTransmission.of(id(2), T0, T0.plusSeconds(5))).id());
            assertEquals(id(4), tx.incidents().openWithId(id(4), NewIncident.of("W-1", "Fire", "fire", 2)).id());
            assertEquals(id(5), tx.tasks().createWithId(id(5), id(4), NewTask.of("Search", 1, null)).id());
            assertEquals(id(6), tx.assets().registerWithId(id(6), NewAsset.of("Engine 1", AssetType.VEHICLE, null)).id());
            assertEquals(id(7), tx.crews().createWithId(id(7), NewCrew.of("Crew", null, id(1))).id());
            assertEquals(id(8), tx.policies().createWithId(id(8), NewPolicy.of("p", "rules:\n  - name: r\n    when: { incident_type: fire }\n"
                    + "    then: { notify: chief }\n", 1)).id());
            assertEquals(id(9), tx.webhooks().subscribeWithId(id(9), NewWebhook.of("https://hooks.example.org/x", null, "incident.created")).id());
            return null;
        });
        List<String> audited = tenant.inTransaction(tx -> tx.auditLogs().byActorName("import-every-kind", PageRequest.first(50)).items().stream()
                .map(entry -> entry.action() + " " + entry.entityType() + " " + entry.entityId()).sorted().toList());
        assertEquals(List.of("create assets " + id(6), "create crews " + id(7), "create incidents " + id(4), "create policies " + id(8),
                "create radio_channels " + id(2), "create tasks " + id(5), "create transmissions " + id(3), "create users " + id(1),
                "create webhooks " + id(9)), audited);
    }

    @Test
    void shouldRefuseAnIdASoftDeletedRowStillHoldsAndRollBack() {
        UUID taken = id(20);
        tenant.inTransaction(IMPORT, tx -> tx.users().createWithId(taken, NewUser.of("sub-20", "b@example.org", "B")));
        tenant.inTransaction(IMPORT, tx -> {
            tx.users().softDelete(taken);
            return null;
        });

        assertThrows(ConflictException.class, () -> tenant.inTransaction(IMPORT, tx -> {
            tx.users().createWithId(id(21), NewUser.of("sub-21", "c@example.org", "C"));
            return tx.users().createWithId(taken, NewUser.of("sub-22", "d@example.org", "D"));
        }));

        assertTrue(tenant.inTransaction(tx -> tx.users().findById(id(21))).isEmpty(), "rolled back with the conflict");
    }

    @Test
    void shouldKeepIdsPerOrganizationAsTheKeysAre() {
        // since fleet V5 a tenant table's key is (org_id, id): the same id in two organizations is two rows
        UUID shared = id(25);
        tenant.inTransaction(IMPORT, tx -> tx.users().createWithId(shared, NewUser.of("sub-25", "g@example.org", "G")));
        Tenant other = Tenant.create(role, "with-id-other");

        other.inTransaction(IMPORT, tx -> tx.users().createWithId(shared, NewUser.of("sub-26", "h@example.org", "H")));

        assertEquals("g@example.org", tenant.inTransaction(tx -> tx.users().get(shared)).email());
        assertEquals("h@example.org", other.inTransaction(tx -> tx.users().get(shared)).email());
    }

    @Test
    void shouldRefuseANullId() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> tenant.inTransaction(IMPORT, tx -> tx.users().createWithId(null, NewUser.of("sub-30", "e@example.org", "E"))));
        assertEquals("id", refused.field());
    }

    @Test
    void shouldCreateTheTransactionsOwnOrganizationAllOrNothingWithItsRecords() {
        FleetDatabase fleet = new FleetDatabase(role.dataSource());
        NewOrganization river = NewOrganization.of("River Rescue", "river-rescue");
        UUID riverId = FleetDatabase.organizationId("river-rescue");

        assertThrows(IllegalStateException.class, () -> fleet.execute(riverId, IMPORT, tx -> {
            tx.organization().createThisOrganization(river);
            tx.users().createWithId(id(40), NewUser.of("sub-40", "f@example.org", "F"));
            throw new IllegalStateException("a later record fails");
        }));
        assertTrue(fleet.findOrganizationBySlug("river-rescue").isEmpty(), "the organization went with its records");

        fleet.execute(riverId, IMPORT, tx -> {
            tx.organization().createThisOrganization(river);
            tx.users().createWithId(id(40), NewUser.of("sub-40", "f@example.org", "F"));
        });
        assertEquals(riverId, fleet.findOrganizationBySlug("river-rescue").orElseThrow().id());
        assertEquals(id(40), fleet.inTransaction(riverId, IMPORT, tx -> tx.users().get(id(40))).id());
    }

    @Test
    void shouldRefuseCreatingAnOrganizationWhoseSlugGivesAnotherId() {
        FleetDatabase fleet = new FleetDatabase(role.dataSource());
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> fleet.execute(
                FleetDatabase.organizationId("lake-rescue"), IMPORT,
                tx -> tx.organization().createThisOrganization(NewOrganization.of("Bay", "bay-rescue"))));
        assertEquals("slug", refused.field());
        assertTrue(fleet.findOrganizationBySlug("bay-rescue").isEmpty());
    }
}
