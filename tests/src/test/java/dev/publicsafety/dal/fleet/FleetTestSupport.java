package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.NewUser;
import dev.publicsafety.dal.fleet.organization.Organization;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.RadioChannel;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.Tenant;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Data the fleet tests set up through the application role (row-level security applies); the role
 * and the tenant themselves come from the test kit ({@link Tenant}, {@link ApplicationRole}).
 */
public final class FleetTestSupport {

    public static final Actor SETUP = Tenant.SETUP;

    private FleetTestSupport() {
    }

    public static Organization organization(FleetDatabase fleet, String slug) {
        return fleet.createOrganization(SETUP, NewOrganization.of("Agency " + slug, slug));
    }

    public static User user(FleetDatabase fleet, UUID org, String subject, String... roles) {
        return fleet.inTransaction(org, SETUP,
                tx -> tx.users().create(NewUser.of(subject, subject + "@example.org", "User " + subject, roles)));
    }

    public static RadioChannel channel(FleetDatabase fleet, UUID org, String name) {
        return fleet.inTransaction(org, SETUP, tx -> tx.channels().create(new NewRadioChannel(name, ChannelSourceType.SIP,
                Map.of("uri", "sip:" + name.toLowerCase().replace(' ', '-') + "@pbx.example.org"))));
    }

    public static Incident incident(FleetDatabase fleet, UUID org, String number, int priority) {
        return fleet.inTransaction(org, SETUP,
                tx -> tx.incidents().open(NewIncident.of(number, "Incident " + number, "fire", priority)));
    }

    /** A count as the owner, who sees every organization. */
    public static long ownerCount(TestDatabase db, String sql, Object... parameters) throws SQLException {
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
