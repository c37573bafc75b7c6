package dev.publicsafety.dal.drift;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.migration.CatalogSnapshot;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Compares a live database with what its migrations define (the equivalent of {@code alembic
 * check}): a scratch database is migrated to the same versions, then jOOQ diffs the two schemas
 * and proposes the DDL that would turn the live one into the expected one. Objects jOOQ's diff
 * does not model (triggers, policies, functions, comments, privileges) are compared through the
 * catalog and reported as differences. What {@code dal grant-app-role} granted is expected, not
 * drift: the scratch database gets the same grants for the same roles ({@link FleetRoles#applicationRoles}).
 */
public final class SchemaDrift {

    /** What differs in one domain: DDL that would reconcile it, and catalog lines only on one side. */
    public record Report(Domain domain, String version, List<String> proposedDdl, List<String> onlyLive,
                         List<String> onlyExpected) {

        public boolean isClean() {
            return proposedDdl.isEmpty() && onlyLive.isEmpty() && onlyExpected.isEmpty();
        }
    }

    private final DatabaseUrl live;

    public SchemaDrift(DatabaseUrl live) {
        this.live = live;
    }

    public List<Report> check(List<Domain> domains) {
        try (Scratch scratch = Scratch.create(live)) {
            MigrationRunner liveRunner = new MigrationRunner(live.dataSource());
            MigrationRunner expectedRunner = new MigrationRunner(scratch.url.dataSource());
            Map<Domain, Optional<String>> versions = new LinkedHashMap<>();
            for (Domain domain : domains) {
                Optional<String> version = liveRunner.currentVersion(domain);
                version.ifPresent(v -> expectedRunner.migrateTo(domain, v));
                versions.put(domain, version);
            }
            // After every schema exists: grant-app-role also grants reading each schema's history.
            if (versions.getOrDefault(Domain.FLEET, Optional.empty()).isPresent()) {
                grantApplicationRoles(live.dataSource(), scratch.url.dataSource());
            }
            List<Report> reports = new ArrayList<>();
            versions.forEach((domain, version) -> reports.add(
                    compare(domain, version.orElse(MigrationRunner.BASE), live.dataSource(), scratch.url.dataSource())));
            return reports;
        }
    }

    /** Roles live on the same server as the scratch database; an embedded scratch server has none of them. */
    private static void grantApplicationRoles(DataSource liveSource, DataSource expectedSource) {
        for (String role : FleetRoles.applicationRoles(liveSource)) {
            if (FleetRoles.exists(expectedSource, role)) {
                FleetRoles.grantTo(expectedSource, role);
            }
        }
    }

    private static Report compare(Domain domain, String version, DataSource liveSource, DataSource expectedSource) {
        List<String> ddl;
        try (Connection liveConnection = liveSource.getConnection();
             Connection expectedConnection = expectedSource.getConnection()) {
            Meta liveMeta = meta(DSL.using(liveConnection, SQLDialect.POSTGRES), domain);
            Meta expectedMeta = meta(DSL.using(expectedConnection, SQLDialect.POSTGRES), domain);
            DSLContext render = DSL.using(SQLDialect.POSTGRES);
            ddl = new ArrayList<>();
            for (Query query : liveMeta.migrateTo(expectedMeta).queries()) {
                ddl.add(render.renderInlined(query) + ";");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema of " + domain.schema() + ": " + e.getMessage(), e);
        }
        List<String> liveCatalog = CatalogSnapshot.of(liveSource, domain.schema());
        List<String> expectedCatalog = CatalogSnapshot.of(expectedSource, domain.schema());
        List<String> onlyLive = liveCatalog.stream().filter(line -> !expectedCatalog.contains(line)).toList();
        List<String> onlyExpected = expectedCatalog.stream().filter(line -> !liveCatalog.contains(line)).toList();
        return new Report(domain, version, ddl, onlyLive, onlyExpected);
    }

    private static Meta meta(DSLContext ctx, Domain domain) {
        return ctx.meta()
                .filterSchemas(schema -> schema.getName().equals(domain.schema()))
                .filterTables(table -> !table.getName().equals(Domain.HISTORY_TABLE));
    }

    /** A throw-away database to migrate: on the same server if the role may create one, else embedded. */
    private static final class Scratch implements AutoCloseable {

        private final DatabaseUrl url;
        private final DatabaseUrl admin;
        private final EmbeddedServer embedded;

        private Scratch(DatabaseUrl url, DatabaseUrl admin, EmbeddedServer embedded) {
            this.url = url;
            this.admin = admin;
            this.embedded = embedded;
        }

        static Scratch create(DatabaseUrl live) {
            String name = "dal_check_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
            try (Connection connection = live.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name + " TEMPLATE template0");
                return new Scratch(live.withDatabase(name), live, null);
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState())) {
                    throw new IllegalStateException("cannot create a scratch database to compare with: " + e.getMessage(), e);
                }
            }
            EmbeddedServer server = EmbeddedServer.startTemporary();
            return new Scratch(server.url("postgres"), null, server);
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
}
