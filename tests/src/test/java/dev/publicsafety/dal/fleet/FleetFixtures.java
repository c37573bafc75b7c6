package dev.publicsafety.dal.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Inserts the few rows the schema tests need, as the owner. */
final class FleetFixtures {

    private FleetFixtures() {
    }

    static UUID organization(Connection connection, String slug) throws SQLException {
        return insert(connection, "INSERT INTO fleet.organizations (name, slug) VALUES (?, ?) RETURNING id", slug, slug);
    }

    static UUID user(Connection connection, UUID org, String subject) throws SQLException {
        return insert(connection, "INSERT INTO fleet.users (org_id, oidc_subject, email, display_name) VALUES (?, ?, ?, ?) RETURNING id",
                org, subject, subject + "@example.org", subject);
    }

    static UUID incident(Connection connection, UUID org, String number) throws SQLException {
        return insert(connection, "INSERT INTO fleet.incidents (org_id, incident_number, title, incident_type) VALUES (?, ?, ?, ?) RETURNING id",
                org, number, "Incident " + number, "fire");
    }

    static UUID insert(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
