package dev.publicsafety.dal.migration.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Each rule flags its unsafe form and none of the rules flags its safe rewrite; acknowledgements and new tables are respected. */
class MigrationLinterTest {

    private static final String TIMEOUT = "SET LOCAL lock_timeout = '5s';\n";

    /** The unsafe form of each rule, then its safe rewrite. */
    private static String[] example(LintRule rule) {
        return switch (rule) {
            case NOT_NULL_WITHOUT_DEFAULT -> new String[] {
                    "ALTER TABLE training.training_scenarios ADD COLUMN estimated_minutes integer NOT NULL;",
                    "ALTER TABLE training.training_scenarios ADD COLUMN estimated_minutes integer NOT NULL DEFAULT 10;"};
            case SET_NOT_NULL -> new String[] {
                    "ALTER TABLE fleet.incidents ALTER COLUMN priority SET NOT NULL;",
                    """
                    ALTER TABLE fleet.incidents ADD CONSTRAINT incidents_priority_not_null CHECK (priority IS NOT NULL) NOT VALID;
                    ALTER TABLE fleet.incidents VALIDATE CONSTRAINT incidents_priority_not_null;
                    ALTER TABLE fleet.incidents ALTER COLUMN priority SET NOT NULL;"""};
            case INDEX_WITHOUT_CONCURRENTLY -> new String[] {
                    "CREATE INDEX incidents_priority_idx ON fleet.incidents (priority);\nDROP INDEX fleet.incidents_old_idx;",
                    "CREATE INDEX CONCURRENTLY incidents_priority_idx ON fleet.incidents (priority);\nDROP INDEX CONCURRENTLY fleet.incidents_old_idx;"};
            case CONSTRAINT_WITHOUT_NOT_VALID -> new String[] {
                    "ALTER TABLE fleet.tasks ADD CONSTRAINT tasks_incident_fk FOREIGN KEY (incident_id) REFERENCES fleet.incidents (id);\n"
                            + "ALTER TABLE fleet.tasks ADD CONSTRAINT tasks_title_length CHECK (length(title) < 200);",
                    "ALTER TABLE fleet.tasks ADD CONSTRAINT tasks_incident_fk FOREIGN KEY (incident_id) REFERENCES fleet.incidents (id) NOT VALID;\n"
                            + "ALTER TABLE fleet.tasks VALIDATE CONSTRAINT tasks_incident_fk;\n"
                            + "ALTER TABLE fleet.tasks ADD CONSTRAINT tasks_title_length CHECK (length(title) < 200) NOT VALID;"};
            case UNIQUE_CONSTRAINT -> new String[] {
                    "ALTER TABLE fleet.assets ADD CONSTRAINT assets_name_key UNIQUE (org_id, name);",
                    "ALTER TABLE fleet.assets ADD CONSTRAINT assets_name_key UNIQUE USING INDEX assets_name_idx;"};
            case TYPE_CHANGE -> new String[] {
                    "ALTER TABLE fleet.incidents ALTER COLUMN title TYPE text;",
                    "ALTER TABLE fleet.incidents ADD COLUMN title_text text;"};
            case RENAME -> new String[] {
                    "ALTER TABLE fleet.incidents RENAME COLUMN title TO headline;\nALTER TABLE fleet.tasks RENAME TO jobs;",
                    "ALTER TABLE fleet.incidents ADD COLUMN headline text;\nALTER TABLE fleet.incidents RENAME CONSTRAINT a TO b;"};
            case DROP -> new String[] {
                    "ALTER TABLE fleet.incidents DROP COLUMN legacy_code;\nDROP TABLE fleet.legacy_things;",
                    "ALTER TABLE fleet.incidents ALTER COLUMN legacy_code DROP NOT NULL, DROP CONSTRAINT incidents_legacy_check;"};
            case VOLATILE_DEFAULT -> new String[] {
                    "ALTER TABLE fleet.incidents ADD COLUMN public_id uuid DEFAULT gen_random_uuid();",
                    "ALTER TABLE fleet.incidents ADD COLUMN public_id uuid;\nALTER TABLE fleet.incidents ALTER COLUMN public_id SET DEFAULT gen_random_uuid();"};
            case ENUM_VALUE_USED_IN_TRANSACTION -> new String[] {
                    "ALTER TYPE fleet.incident_status ADD VALUE 'escalated';\nUPDATE fleet.incidents SET status = 'escalated' WHERE priority = 1;",
                    "ALTER TYPE fleet.incident_status ADD VALUE 'escalated';"};
            case MISSING_LOCK_TIMEOUT -> new String[] {"ALTER TABLE fleet.incidents ADD COLUMN note text;", TIMEOUT + "ALTER TABLE fleet.incidents ADD COLUMN note text;"};
        };
    }

    @ParameterizedTest
    @EnumSource(LintRule.class)
    void shouldFlagTheUnsafeFormAndNotTheSafeRewrite(LintRule rule) {
        String[] example = example(rule);
        String unsafe = rule == LintRule.MISSING_LOCK_TIMEOUT ? example[0] : TIMEOUT + example[0];
        String safe = rule == LintRule.MISSING_LOCK_TIMEOUT ? example[1] : TIMEOUT + example[1];

        List<LintFinding> flagged = MigrationLinter.lint("V10__unsafe.sql", unsafe);
        assertTrue(flagged.stream().anyMatch(finding -> finding.rule() == rule), rule + " not flagged: " + flagged);
        assertTrue(flagged.stream().allMatch(finding -> finding.rule() == rule), "only " + rule + ": " + flagged);
        assertEquals(List.of(), MigrationLinter.lint("V10__safe.sql", safe), "the safe rewrite of " + rule);
    }

    @Test
    void shouldNameTheRuleWhyAndTheSafeRewriteOnOneLineWithTheStatementsLine() {
        List<LintFinding> findings = MigrationLinter.lint("V10__x.sql", TIMEOUT + "\n-- a comment; with a semicolon\n"
                + "CREATE INDEX incidents_priority_idx\n    ON fleet.incidents (priority);");
        assertEquals(1, findings.size(), findings::toString);
        assertEquals("V10__x.sql:4: index-without-concurrently: CREATE INDEX or DROP INDEX without CONCURRENTLY blocks writes to the table"
                + " for the whole build; safe: CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY, alone in its migration"
                + " (it cannot run in a transaction)", findings.get(0).toString());
    }

    @Test
    void shouldHonourAnAcknowledgementWithAReasonOnly() {
        String acknowledged = TIMEOUT + "-- dal:allow set-not-null incidents has 40 rows\nALTER TABLE fleet.incidents ALTER COLUMN priority SET NOT NULL;";
        String withoutReason = TIMEOUT + "-- dal:allow set-not-null\nALTER TABLE fleet.incidents ALTER COLUMN priority SET NOT NULL;";
        String otherRule = TIMEOUT + "-- dal:allow drop it is fine\nALTER TABLE fleet.incidents ALTER COLUMN priority SET NOT NULL;";

        assertEquals(List.of(), MigrationLinter.lint("V10__x.sql", acknowledged));
        assertEquals(1, MigrationLinter.lint("V10__x.sql", withoutReason).size());
        assertEquals(1, MigrationLinter.lint("V10__x.sql", otherRule).size());
    }

    @Test
    void shouldExemptTablesCreatedInTheSameFile() {
        String sql = """
                CREATE TABLE fleet.shifts (id uuid PRIMARY KEY, crew_id uuid NOT NULL, starts_at timestamptz);
                CREATE INDEX shifts_crew_id_idx ON fleet.shifts (crew_id);
                ALTER TABLE fleet.shifts ADD CONSTRAINT shifts_crew_fk FOREIGN KEY (crew_id) REFERENCES fleet.crews (id);
                ALTER TABLE fleet.shifts ALTER COLUMN starts_at SET NOT NULL;
                CREATE FUNCTION fleet.f() RETURNS int LANGUAGE sql AS $$ SELECT 1; ALTER TABLE fleet.incidents DROP COLUMN x $$;
                """;
        assertEquals(List.of(), MigrationLinter.lint("V10__x.sql", sql));
    }

    @Test
    void shouldFindNothingUnacknowledgedInDalsOwnMigrations() {
        for (Domain domain : Domain.values()) {
            assertEquals(List.of(), DomainLint.lint(domain, file -> true), domain.schema());
        }
    }
}
