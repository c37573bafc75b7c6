package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The fleet tests act as the application does: through a LOGIN role made with
 * {@link FleetRoles#createApplicationRole}, subject to row-level security. Roles are per server,
 * so each test class makes its own, with a random name, and drops it afterwards.
 */
public final class FleetTestSupport {

    static final Actor SETUP = Actor.service("test-setup");

    private FleetTestSupport() {
    }

    /** An application role and a data source that logs in as it. */
    public record AppRole(String name, DataSource dataSource) {
    }

    public static AppRole applicationRole(TestDatabase db) {
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        String name = "dal_app_t" + suffix;
        String password = "pw-" + suffix;
        FleetRoles.createApplicationRole(db.dataSource(), name, password);
        DatabaseUrl owner = db.url();
        DatabaseUrl app = new DatabaseUrl(owner.host(), owner.port(), owner.database(), name, password, owner.parameters());
        return new AppRole(name, app.dataSource());
    }

    public static void drop(TestDatabase db, AppRole role) throws SQLException {
        if (role == null) {
            return;
        }
        try (Connection owner = db.dataSource().getConnection(); Statement statement = owner.createStatement()) {
            statement.execute("DROP OWNED BY " + role.name());
            statement.execute("DROP ROLE " + role.name());
        }
    }

    static Organization organization(FleetDatabase fleet, String slug) {
        return fleet.createOrganization(SETUP, NewOrganization.of("Agency " + slug, slug));
    }

    static User user(FleetDatabase fleet, UUID org, String subject, String... roles) {
        return fleet.inTransaction(org, SETUP,
                tx -> tx.users().create(NewUser.of(subject, subject + "@example.org", "User " + subject, roles)));
    }

    static RadioChannel channel(FleetDatabase fleet, UUID org, String name) {
        return fleet.inTransaction(org, SETUP, tx -> tx.channels().create(new NewRadioChannel(name, ChannelSourceType.SIP,
                Map.of("uri", "sip:" + name.toLowerCase().replace(' ', '-') + "@pbx.example.org"))));
    }

    static Incident incident(FleetDatabase fleet, UUID org, String number, int priority) {
        return fleet.inTransaction(org, SETUP,
                tx -> tx.incidents().open(NewIncident.of(number, "Incident " + number, "fire", priority)));
    }

    /** A count as the owner, who sees every organization. */
    static long ownerCount(TestDatabase db, String sql, Object... parameters) throws SQLException {
        try (Connection owner = db.dataSource().getConnection(); PreparedStatement statement = owner.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
