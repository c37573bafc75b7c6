package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.ConflictException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.audit.AuditEntry;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.Organization;
import dev.publicsafety.dal.generated.fleet.enums.OperationMode;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import java.util.Map;
import java.util.Optional;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class OrganizationRepositoryTest {

    private static ApplicationRole app;
    private static FleetDatabase fleet;

    @BeforeAll
    static void setUp(ApplicationRole role) {
        app = role;
        fleet = new FleetDatabase(app.dataSource());
    }

    @Test
    void shouldCreateAnOrganizationAsTheApplicationRoleAndAuditIt() {
        Organization created = fleet.createOrganization(Actor.service("provisioning"),
                NewOrganization.of("Metro Fire", "metro-fire").withFeatureFlags(Map.of("ai_transcription", true)));
        Organization read = fleet.inTransaction(created.id(), Actor.service("test"), tx -> tx.organization().get());
        assertEquals("metro-fire", read.slug());
        assertEquals(OperationMode.HITL, read.operationMode());
        assertTrue(read.isEnabled("ai_transcription"));
        assertFalse(read.isEnabled("unknown_flag"));
        AuditEntry audit = fleet.inTransaction(created.id(), Actor.service("test"),
                tx -> tx.auditLogs().forEntity("organizations", created.id(), PageRequest.first(5)).items().get(0));
        assertEquals("create", audit.action());
        assertEquals("provisioning", audit.actor());
    }

    @Test
    void shouldSwitchOperationModeAndFeatureFlags() {
        Organization org = FleetTestSupport.organization(fleet, "county-ems");
        Organization changed = fleet.inTransaction(org.id(), Actor.service("admin"), tx -> {
            tx.organization().setOperationMode(OperationMode.AUTONOMOUS_ASSIST);
            tx.organization().setFeatureFlag("auto_dispatch", true);
            return tx.organization().setFeatureFlag("beta_map", false);
        });
        assertEquals(OperationMode.AUTONOMOUS_ASSIST, changed.operationMode());
        assertEquals(Map.of("auto_dispatch", true, "beta_map", false), changed.featureFlags());
        boolean autoDispatch = fleet.inTransaction(org.id(), Actor.service("admin"), tx -> tx.organization().isEnabled("auto_dispatch"));
        assertTrue(autoDispatch);
        assertEquals("Renamed", fleet.inTransaction(org.id(), Actor.service("admin"), tx -> tx.organization().rename("Renamed")).name());
    }

    @Test
    void shouldRejectABadSlugBeforeWritingAndADuplicateSlugInTheDatabase() {
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> NewOrganization.of("Bad", "Bad Slug"));
        assertTrue(bad.getMessage().contains("Bad Slug"), bad.getMessage());
        FleetTestSupport.organization(fleet, "taken");
        ConflictException duplicate = assertThrows(ConflictException.class, () -> FleetTestSupport.organization(fleet, "taken"));
        assertEquals("organization slug 'taken' is already taken", duplicate.getMessage());
        assertEquals("23505", ((DataAccessException) duplicate.getCause()).sqlState());
    }

    @Test
    void shouldFindAnOrganizationBySlugOnTheNextRun() {
        Organization created = FleetTestSupport.organization(fleet, "second-run");
        assertEquals(Optional.of(created), fleet.findOrganizationBySlug("second-run"));
        assertEquals(Optional.empty(), fleet.findOrganizationBySlug("never-created"));
    }
}
