package com.example.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service as production runs it: connected as the application role, so row-level security applies. */
@IsolatedDatabase
class DispatchServiceTest {

    private static Tenant tenant;
    private static DispatchService service;

    @BeforeAll
    static void setUp(Tenant pine) {
        tenant = pine;
        service = new DispatchService(pine.fleet());
    }

    @Test
    void shouldRunAsARoleSubjectToRowLevelSecurity(ApplicationRole role) {
        assertTrue(FleetRoles.inspect(role.dataSource()).isSubjectToRowLevelSecurity());
    }

    @Test
    void shouldFindTheOrganizationAndTheIncidentOnTheSecondCall() {
        Incident first = service.openAndDispatch(tenant.id(), "PC-12", "Fall");
        Incident second = service.openAndDispatch(service.organization(tenant.organization().slug(), "unused").id(), "PC-12", "Fall");

        assertEquals(first.id(), second.id());
        assertEquals(IncidentStatus.DISPATCHED, second.status());
        assertEquals(2, second.version());
    }
}
