package dev.publicsafety.dal.drift;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * A throw-away database migrated like a live one, to compare the live one with what its migrations
 * define: on the same server if the role may create one, else on an embedded server. What
 * {@code dal grant-app-role} granted in the live database is granted here too, so it is not a difference.
 */
final class ScratchDatabase implements AutoCloseable {

    private final DatabaseUrl url;
    private final DatabaseUrl admin;
    private final EmbeddedServer embedded;

    private ScratchDatabase(DatabaseUrl url, DatabaseUrl admin, EmbeddedServer embedded) {
        this.url = url;
        this.admin = admin;
        this.embedded = embedded;
    }

    static ScratchDatabase create(DatabaseUrl live) {
        String name = "dal_check_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        try (Connection connection = live.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " TEMPLATE template0");
            return new ScratchDatabase(live.withDatabase(name), live, null);
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                throw new IllegalStateException("cannot create a scratch database to compare with: " + e.getMessage(), e);
            }
        }
        EmbeddedServer server = EmbeddedServer.startTemporary();
        int liveMajor = majorVersion(live);
        int embeddedMajor = majorVersion(server.url("postgres"));
        if (liveMajor != embeddedMajor) {
            // Another major version has another catalog (PostgreSQL 18 names every NOT NULL constraint):
            // the comparison would report every difference between the versions as drift.
            server.close();
            throw new IllegalStateException("this role may not create a scratch database on the server (CREATEDB), and the"
                    + " embedded PostgreSQL " + embeddedMajor + " that would stand in for it catalogs a schema differently from"
                    + " PostgreSQL " + liveMajor + "; run dal check as a role that may create databases (the owner, with CREATEDB)");
        }
        return new ScratchDatabase(server.url("postgres"), null, server);
    }

    private static int majorVersion(DatabaseUrl url) {
        try (Connection connection = url.dataSource().getConnection()) {
            return connection.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server version of " + url.database() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The live versions of every built-in domain, then of {@code domains}: an application's domain may
     * refer to fleet's tables, so those exist on the scratch database first.
     */
    static Map<Domain, Optional<String>> versionsWithBuiltIns(MigrationRunner live, List<Domain> domains) {
        Map<Domain, Optional<String>> versions = new LinkedHashMap<>();
        for (Domain domain : Domain.values()) {
            versions.put(domain, live.currentVersion(domain));
        }
        domains.forEach(domain -> versions.put(domain, live.currentVersion(domain)));
        return versions;
    }

    DataSource dataSource() {
        return url.dataSource();
    }

    /**
     * Migrates each domain to its version ({@code null} or empty: left out), then grants what the live
     * database's application roles hold; after every schema exists, as grant-app-role also grants
     * reading each schema's history.
     */
    void migrate(DatabaseUrl live, Map<Domain, Optional<String>> versions) {
        MigrationRunner runner = new MigrationRunner(dataSource());
        versions.forEach((domain, version) -> version.ifPresent(v -> runner.migrateTo(domain, v)));
        if (versions.getOrDefault(Domain.FLEET, Optional.empty()).isPresent()) {
            // Roles live on the same server as the scratch database; an embedded scratch server has none of them.
            for (String role : FleetRoles.applicationRoles(live.dataSource())) {
                if (FleetRoles.exists(dataSource(), role)) {
                    FleetRoles.grantTo(dataSource(), role);
                }
            }
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
            return;
        }
        try (Connection connection = admin.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop scratch database " + url.database() + ": " + e.getMessage(), e);
        }
    }
}
