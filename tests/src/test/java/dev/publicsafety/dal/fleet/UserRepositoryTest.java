package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.organization.NewUser;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class UserRepositoryTest {

    private static final Actor ADMIN = Actor.service("user-admin");
    private static FleetDatabase fleet;
    private static UUID org;
    private static Tenant acting;

    @BeforeAll
    static void setUp(Tenant tenant) {
        fleet = tenant.fleet();
        org = tenant.id();
        acting = tenant.as(ADMIN);
    }


    @Test
    void shouldFindAUserByOidcSubjectAndRecordTheLogin() {
        User created = acting.inTransaction(t -> t.users().create(NewUser.of("auth0|abc123", "ana@example.org", "Ana Ruiz", "dispatcher", "admin")));
        User found = acting.inTransaction(t -> t.users().findByOidcSubject("auth0|abc123")).orElseThrow();
        assertEquals(created.id(), found.id());
        assertEquals(List.of("admin", "dispatcher"), found.roles());
        assertTrue(acting.inTransaction(t -> t.users().findByOidcSubject("auth0|nobody")).isEmpty());
        assertNotNull(acting.inTransaction(t -> t.users().recordLogin(found.id())).lastLoginAt());
    }

    @Test
    void shouldListActiveUsersWithARoleByNameAcrossPages() {
        UUID other = FleetTestSupport.organization(fleet, "roles").id();
        fleet.execute(other, ADMIN, t -> {
            for (int i = 0; i < 7; i++) {
                t.users().create(NewUser.of("sub-" + i, "u" + i + "@example.org", "Dispatcher " + (char) ('G' - i),
                        i % 2 == 0 ? "dispatcher" : "supervisor"));
            }
            User inactive = t.users().create(NewUser.of("sub-x", "x@example.org", "Dispatcher Z", "dispatcher"));
            t.users().deactivate(inactive.id());
        });
        List<User> dispatchers = new ArrayList<>();
        PageRequest request = PageRequest.first(3);
        while (request != null) {
            PageRequest current = request;
            Page<User> page = fleet.inTransaction(other, ADMIN, t -> t.users().withRole("dispatcher", current));
            dispatchers.addAll(page.items());
            request = page.nextRequest().orElse(null);
        }
        assertEquals(List.of("Dispatcher A", "Dispatcher C", "Dispatcher E", "Dispatcher G"),
                dispatchers.stream().map(User::displayName).toList());
    }

    @Test
    void shouldChangeRolesAndRejectMalformedOnes() {
        User user = acting.inTransaction(t -> t.users().create(NewUser.of("sub-roles", "r@example.org", "Role Changer", "dispatcher")));
        assertEquals(List.of("shift_lead", "supervisor"), acting.inTransaction(t -> t.users().setRoles(user.id(), List.of("supervisor", "shift_lead"))).roles());
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> acting.inTransaction(t -> t.users().setRoles(user.id(), List.of("Super User"))));
        assertTrue(bad.getMessage().contains("Super User"), bad.getMessage());
        assertThrows(InvalidInputException.class, () -> NewUser.of("s", "not-an-email", "X"));
    }

    @Test
    void shouldDeactivateReactivateAndSoftDelete() {
        User user = acting.inTransaction(t -> t.users().create(NewUser.of("sub-life", "l@example.org", "Life Cycle", "dispatcher")));
        assertFalse(acting.inTransaction(t -> t.users().deactivate(user.id())).active());
        assertTrue(acting.inTransaction(t -> t.users().activate(user.id())).active());
        fleet.execute(org, ADMIN, t -> t.users().softDelete(user.id()));
        assertTrue(acting.inTransaction(t -> t.users().findById(user.id())).isEmpty());
        assertTrue(acting.inTransaction(t -> t.users().findByOidcSubject("sub-life")).isEmpty());
        fleet.execute(org, ADMIN, t -> t.users().restore(user.id()));
        assertEquals(user.id(), acting.inTransaction(t -> t.users().get(user.id())).id());
    }
}
