package dev.publicsafety.dal.training.adopt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The simulator's catalog (its migration 001, as the fixture was made by it, in {@code public})
 * against a {@code training} schema migrated to head: no column, NOT NULL or index of the simulator
 * is missing. An index is there when one of ours starts with the same columns (and is unique if
 * the simulator's is), since such an index serves the same lookups.
 */
@IsolatedDatabase
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorCatalogTest {

    private record Column(String table, String column, boolean notNull) {
    }

    private record Index(String table, List<String> columns, boolean unique) {
        boolean covers(Index simulator) {
            return table.equals(simulator.table) && columns.size() >= simulator.columns.size()
                    && columns.subList(0, simulator.columns.size()).equals(simulator.columns)
                    && (!simulator.unique || unique && columns.equals(simulator.columns));
        }
    }

    @BeforeAll
    static void loadTheSimulatorsSchemaIntoPublic(TestDatabase db) {
        SimulatorDatabase.load(db.dataSource());
    }

    @Test
    @Order(1)
    void shouldMissNoColumnNotNullOrIndexOfTheSimulatorsSchema(TestDatabase db) {
        DSLContext ctx = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        assertEquals(42, columns(ctx, "public").size(), "the simulator's five tables have 42 columns");
        assertEquals(11, indexes(ctx, "public").size(), "and 11 indexes, five of them primary keys");

        assertEquals(List.of(), missing(ctx));
    }

    @Test
    @Order(2)
    void shouldNameWhatTheSchemaBeforeV4Misses(TestDatabase db) {
        new MigrationRunner(db.dataSource()).undoTo(Domain.TRAINING, "3");

        List<String> missing = missing(DSL.using(db.dataSource(), SQLDialect.POSTGRES));

        assertEquals(List.of("column call_sessions.created_at", "column call_sessions.updated_at", "column call_transcripts.created_at",
                "NOT NULL extracted_entities.confidence_score", "column extracted_entities.created_at",
                "NOT NULL extracted_entities.end_char", "NOT NULL extracted_entities.start_char",
                "column training_scenarios.created_at", "NOT NULL training_scenarios.description",
                "column training_scenarios.updated_at", "index extracted_entities (transcript_id, entity_type)"), missing);
        new MigrationRunner(db.dataSource()).migrate(Domain.TRAINING);
        assertTrue(missing(DSL.using(db.dataSource(), SQLDialect.POSTGRES)).isEmpty());
    }

    /** What the simulator's catalog has and training's lacks, one line each. */
    private static List<String> missing(DSLContext ctx) {
        List<String> missing = new ArrayList<>();
        List<Column> ours = columns(ctx, "training");
        for (Column theirs : columns(ctx, "public")) {
            Column match = ours.stream().filter(c -> c.table.equals(theirs.table) && c.column.equals(theirs.column)).findFirst().orElse(null);
            if (match == null) {
                missing.add("column " + theirs.table + "." + theirs.column);
            } else if (theirs.notNull && !match.notNull) {
                missing.add("NOT NULL " + theirs.table + "." + theirs.column);
            }
        }
        List<Index> ourIndexes = indexes(ctx, "training");
        for (Index theirs : indexes(ctx, "public")) {
            if (ourIndexes.stream().noneMatch(index -> index.covers(theirs))) {
                missing.add("index " + theirs.table + " (" + String.join(", ", theirs.columns) + ")");
            }
        }
        return missing;
    }

    private static List<Column> columns(DSLContext ctx, String schema) {
        return ctx.fetch("SELECT table_name, column_name, is_nullable = 'NO' FROM information_schema.columns"
                        + " WHERE table_schema = ? AND table_name = ANY (?) ORDER BY table_name, column_name",
                        schema, SimulatorDatabase.TABLES.toArray(String[]::new))
                .map(r -> new Column(r.get(0, String.class), r.get(1, String.class), r.get(2, Boolean.class)));
    }

    private static List<Index> indexes(DSLContext ctx, String schema) {
        return ctx.fetch("""
                        SELECT t.relname, array_agg(a.attname::text ORDER BY k.ord), i.indisunique
                          FROM pg_index i
                          JOIN pg_class t ON t.oid = i.indrelid
                          JOIN pg_namespace n ON n.oid = t.relnamespace
                          CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k (attnum, ord)
                          JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                         WHERE n.nspname = ? AND t.relname = ANY (?)
                         GROUP BY i.indexrelid, t.relname, i.indisunique
                         ORDER BY 1, 2""", schema, SimulatorDatabase.TABLES.toArray(String[]::new))
                .map(SimulatorCatalogTest::toIndex);
    }

    private static Index toIndex(Record r) {
        return new Index(r.get(0, String.class), List.of(r.get(1, String[].class)), r.get(2, Boolean.class));
    }
}
