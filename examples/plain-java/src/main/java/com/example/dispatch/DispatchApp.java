package com.example.dispatch;

// tag::dispatch-app-imports[]
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.organization.Organization;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.training.CallSession;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import javax.sql.DataSource;
// end::dispatch-app-imports[]

/**
 * Starts a dispatch shift: brings the database up to date as its owner, makes sure the application
 * role exists, then works as that role: the organization, an incident, a training call. Running it
 * again finds what the first run made.
 *
 * <pre>DATABASE_URL=postgresql://dal_owner@db:5432/fleet DAL_APP_PASSWORD=… java com.example.dispatch.DispatchApp</pre>
 */
public final class DispatchApp {

    static final Actor SHIFT_START = Actor.service("shift-start");

    private DispatchApp() {
    }

    public static void main(String[] args) {
        DatabaseUrl owner = DatabaseUrl.parse(required("DATABASE_URL"));
        String role = System.getenv().getOrDefault("DAL_APP_ROLE", "dal_app");
        System.out.println(run(owner, role, required("DAL_APP_PASSWORD")));
    }

    /** One shift start against the database of {@code owner}, working as {@code role}. */
    public static ShiftReport run(DatabaseUrl owner, String role, String password) {
        // tag::plain-java[]
        DataSource ownerDataSource = owner.dataSource();                      // the role that owns the schemas
        new MigrationRunner(ownerDataSource).migrateAll();                       // fleet and training to head
        new ScenarioSeeder(ownerDataSource).seedBundled(ScenarioSeeder.Options.DEFAULT);   // the bundled scenarios
        ApplicationRoleSetup.ensure(ownerDataSource, role, password);

        try (HikariDataSource pool = ApplicationRoleSetup.connect(owner, role, password)) {
            FleetDatabase fleet = new FleetDatabase(pool);                         // row-level security applies
            IncidentDesk desk = new IncidentDesk(fleet, SHIFT_START);
            Organization harbor = desk.organization("harbor-city", "Harbor City Fire & Rescue");
            Incident fire = desk.openAndDispatch(harbor.id(), "HC-1042", "Structure fire");

            TrainingDatabase training = new TrainingDatabase(ownerDataSource);    // training has no tenants
            CallSession call = new TrainingDesk(training).startCall("operator-17", "heart-attack");
            return new ShiftReport(harbor, fire, call);
        }
        // end::plain-java[]
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("set " + variable);
        }
        return value;
    }
}
