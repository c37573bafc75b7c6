package com.example.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

// tag::test-kit[]
@IsolatedDatabase                    // a migrated database of this class's own
class IncidentDeskTest {

    private static Tenant tenant;      // an organization, and a FleetDatabase connected as the application role
    private static IncidentDesk desk;

    @BeforeAll
    static void setUp(Tenant harbor) {
        tenant = harbor;
        desk = new IncidentDesk(harbor.fleet(), harbor.actor());
    }

    @Test
    void shouldOpenAndDispatchAnIncidentOnceWhenAskedTwice() {
        Incident first = desk.openAndDispatch(tenant.id(), "HC-7", "Vehicle fire");
        Incident second = desk.openAndDispatch(tenant.id(), "HC-7", "Vehicle fire");

        assertEquals(first.id(), second.id());
        assertEquals(IncidentStatus.DISPATCHED, second.status());
        assertEquals(2, second.version());
    }
    // end::test-kit[]

    @Test
    void shouldFindTheTenantsOrganizationBySlug() {
        assertEquals(tenant.id(), desk.organization(tenant.organization().slug(), "ignored on a second run").id());
    }

    @Test
    void shouldKeepAnIncidentFromAnotherOrganization(ApplicationRole role) {
        desk.openAndDispatch(tenant.id(), "HC-8", "Gas leak");
        Tenant pine = Tenant.create(role, "pine-county");
        assertTrue(pine.inTransaction(tx -> tx.incidents().findByNumber("HC-8")).isEmpty(),
                "row-level security and the repositories show one organization only its own incidents");
    }
}
