package dev.publicsafety.dal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.task.Task;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.geo.Location;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fleet example of README.md, compiled and run, and checked to be in the README as it is here. */
@IsolatedDatabase
class ReadmeExampleTest {

    private static final Path SOURCE = Path.of("src/test/java/dev/publicsafety/dal/fleet/ReadmeExampleTest.java");

    private static ApplicationRole app;
    private static UUID orgId;
    private static UUID userId;
    private static UUID responderId;

    @BeforeAll
    static void setUp(ApplicationRole role) {
        app = role;
        FleetDatabase fleet = new FleetDatabase(app.dataSource());
        orgId = FleetTestSupport.organization(fleet, "readme").id();
        userId = FleetTestSupport.user(fleet, orgId, "dispatcher-7", "dispatcher").id();
        responderId = FleetTestSupport.user(fleet, orgId, "responder-3", "responder").id();
    }

    static Incident example(DataSource dataSource, UUID orgId, UUID userId, UUID responderId) {
        // tag::transaction[]
        FleetDatabase fleet = new FleetDatabase(dataSource);   // any pool, connected as the application role
        Actor dispatcher = Actor.user(userId, "dispatcher-7");

        Incident incident = fleet.inTransaction(orgId, dispatcher, tx -> {
            Incident opened = tx.incidents().open(NewIncident.of("HC-1042", "Structure fire", "structure_fire", 1)
                    .at(Location.ofAddress("12 Harbor Way", "Harbor City"))
                    .tagged("hazmat"));
            Task search = tx.tasks().create(opened.id(), NewTask.of("Primary search", 1, opened.reportedAt().plusMinutes(15)));
            tx.tasks().assign(search.id(), search.version(), responderId);
            return tx.incidents().dispatch(opened.id(), opened.version());   // new -> dispatched, version 1 -> 2
        });

        try {   // a second dispatcher still holding version 1
            fleet.execute(orgId, dispatcher, tx -> tx.incidents().setPriority(incident.id(), 1, 2));
        } catch (ConcurrentUpdateException conflict) {
            // nothing was written: reload, show what changed, retry with the current version
        }
        // end::transaction[]
        return incident;
    }

    @Test
    void shouldRunTheReadmeExample() {
        Incident incident = example(app.dataSource(), orgId, userId, responderId);
        assertEquals(IncidentStatus.DISPATCHED, incident.status());
        Incident stored = new FleetDatabase(app.dataSource()).inTransaction(orgId, FleetTestSupport.SETUP,
                tx -> tx.incidents().get(incident.id()));
        assertEquals(1, stored.priority(), "the stale update must not have been applied");
        assertEquals(2, stored.version());
    }

    @Test
    void shouldShowTheExampleInTheReadmeAsItIsHere() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher region = Pattern.compile("// tag::transaction\\[]\\n(.*?)\\n\\s*// end::transaction\\[]", Pattern.DOTALL)
                .matcher(Files.readString(SOURCE));
        assertTrue(region.find());
        String body = region.group(1).stripIndent().strip();
        assertTrue(readme.contains(body), "README.md does not show the fleet example as it is in " + SOURCE + ":\n" + body);
    }
}
