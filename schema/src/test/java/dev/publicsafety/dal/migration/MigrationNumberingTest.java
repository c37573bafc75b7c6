package dev.publicsafety.dal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Two files with one version, or a gap, each reported with the renumbering to do. */
class MigrationNumberingTest {

    @Test
    void shouldReportTwoFilesWithOneVersionAndAGapWithTheRenumbering() {
        assertEquals(List.of(), MigrationNumbering.problems(Domain.FLEET, List.of("V1__a.sql", "V2__b.sql", "U2__b.sql")));
        assertEquals(List.of("fleet V2 (V2__c.sql): has the version of V2__b.sql; renumber it to V3__c.sql (and its undo U2 to U3)"),
                MigrationNumbering.problems(Domain.FLEET, List.of("V1__a.sql", "V2__b.sql", "V2__c.sql")).stream().map(Object::toString).toList());
        assertEquals(List.of("training V3 (V3__c.sql): no version 2 before it; renumber it to V2__c.sql (and its undo), unless it was applied already"),
                MigrationNumbering.problems(Domain.TRAINING, List.of("V1__a.sql", "V3__c.sql")).stream().map(Object::toString).toList());
        assertEquals(List.of(), MigrationNumbering.problems(Domain.FLEET, BuiltInMigrations.fileNames(Domain.FLEET.migrationLocation())),
                "dal's own fleet migrations");
    }
}
