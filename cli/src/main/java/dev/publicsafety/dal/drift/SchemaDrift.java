package dev.publicsafety.dal.drift;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.migration.CatalogSnapshot;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Compares a live database with what its migrations define (the equivalent of {@code alembic
 * check}): a scratch database is migrated to the same versions, then jOOQ diffs the two schemas
 * and proposes the DDL that would turn the live one into the expected one ({@link SchemaDiff}). Every
 * catalog difference is reported too, with what no DDL is proposed for (triggers, policies, functions,
 * privileges). What {@code dal grant-app-role} granted is expected, not
 * drift: the scratch database gets the same grants for the same roles ({@link ScratchDatabase#migrate}).
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
        MigrationRunner liveRunner = new MigrationRunner(live.dataSource());
        Map<Domain, Optional<String>> versions = new LinkedHashMap<>();
        for (Domain domain : domains) {
            versions.put(domain, liveRunner.currentVersion(domain));
        }
        try (ScratchDatabase scratch = ScratchDatabase.create(live)) {
            scratch.migrate(live, domains.stream().allMatch(Domain::isBuiltIn) ? versions
                    : ScratchDatabase.versionsWithBuiltIns(liveRunner, domains));
            List<Report> reports = new ArrayList<>();
            versions.forEach((domain, version) -> reports.add(
                    compare(domain, version.orElse(MigrationRunner.BASE), live.dataSource(), scratch.dataSource())));
            return reports;
        }
    }

    private static Report compare(Domain domain, String version, DataSource liveSource, DataSource expectedSource) {
        List<String> ddl = SchemaDiff.between(domain, liveSource, expectedSource).statements();
        List<String> liveCatalog = CatalogSnapshot.of(liveSource, domain.schema());
        List<String> expectedCatalog = CatalogSnapshot.of(expectedSource, domain.schema());
        List<String> onlyLive = liveCatalog.stream().filter(line -> !expectedCatalog.contains(line)).toList();
        List<String> onlyExpected = expectedCatalog.stream().filter(line -> !liveCatalog.contains(line)).toList();
        return new Report(domain, version, ddl, onlyLive, onlyExpected);
    }
}
