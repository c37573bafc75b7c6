package dev.publicsafety.dal.copy;

import static dev.publicsafety.dal.generated.fleet.Tables.TRANSMISSIONS;
import static dev.publicsafety.dal.generated.training.Tables.CALL_TRANSCRIPTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.value.Speaker;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** COPY, in either format, must store exactly what a jOOQ insert of the same values stores. */
@IsolatedDatabase
class CopyInTest {

    private static final Field<Integer> ROW = DSL.field(DSL.name("row_no"), SQLDataType.INTEGER);
    private static final Field<String> SOURCE = DSL.field(DSL.name("source"), SQLDataType.VARCHAR);
    private static final List<Field<?>> VALUES = List.of(
            DSL.field(DSL.name("c_uuid"), SQLDataType.UUID),
            DSL.field(DSL.name("c_text"), SQLDataType.CLOB),
            DSL.field(DSL.name("c_varchar"), SQLDataType.VARCHAR(20)),
            DSL.field(DSL.name("c_bigint"), SQLDataType.BIGINT),
            DSL.field(DSL.name("c_smallint"), SQLDataType.SMALLINT),
            DSL.field(DSL.name("c_double"), SQLDataType.DOUBLE),
            DSL.field(DSL.name("c_real"), SQLDataType.REAL),
            DSL.field(DSL.name("c_bool"), SQLDataType.BOOLEAN),
            DSL.field(DSL.name("c_at"), SQLDataType.TIMESTAMPWITHTIMEZONE),
            DSL.field(DSL.name("c_doc"), SQLDataType.JSONB),
            DSL.field(DSL.name("c_speaker"), SQLDataType.VARCHAR.asEnumDataType(Speaker.class)));
    private static final Field<BigDecimal> AMOUNT = DSL.field(DSL.name("c_amount"), SQLDataType.NUMERIC(12, 3));

    private static DSLContext ctx;

    @BeforeAll
    static void createProbeTables(TestDatabase db) {
        ctx = DalDsl.using(db.dataSource());
        ctx.execute("""
                CREATE TABLE public.probe (row_no int, source varchar, c_uuid uuid, c_text text, c_varchar varchar(20),
                    c_bigint bigint, c_smallint smallint, c_double double precision, c_real real, c_bool boolean,
                    c_at timestamptz, c_doc jsonb, c_speaker training.speaker_enum, c_amount numeric(12, 3))""");
    }

    private static Table<Record> probe() {
        return DSL.table(DSL.name("public", "probe"));
    }

    @Test
    void shouldWriteTheIngestTablesInBinaryAndFallBackToCsvForOtherTypes() {
        // all but the tags array and the generated search column, which a bulk ingest never writes
        assertTrue(BinaryFormat.forColumns(Arrays.stream(TRANSMISSIONS.fields())
                .filter(f -> !f.equals(TRANSMISSIONS.TAGS) && !f.equals(TRANSMISSIONS.TRANSCRIPT_SEARCH)).toList()).isPresent(),
                "every ingested column of fleet.transmissions");
        assertTrue(BinaryFormat.forColumns(List.of(CALL_TRANSCRIPTS.fields())).isPresent(), "every column of training.call_transcripts");
        assertTrue(BinaryFormat.forColumns(VALUES).isPresent(), "the columns of the binary test below");
        assertFalse(BinaryFormat.forColumns(List.of(VALUES.get(0), AMOUNT)).isPresent(), "numeric has no binary writer");
    }

    @Test
    void shouldStoreWhatAJooqInsertStoresInBinary() {
        assertSameAsInsert("binary", VALUES, rows(false));
    }

    @Test
    void shouldStoreWhatAJooqInsertStoresInCsv() {
        List<Field<?>> withNumeric = new ArrayList<>(VALUES);
        withNumeric.add(AMOUNT);
        assertSameAsInsert("csv", withNumeric, rows(true));
    }

    /** Sub-microsecond instants round in the client for binary and in the server for text: both must agree. */
    @Test
    void shouldRoundNanosecondsToTheSameMicrosecondAsTheServer() {
        Random random = new Random(7);
        OffsetDateTime base = OffsetDateTime.parse("1999-12-31T23:59:58Z");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            long nanos = i < 1000 ? random.nextInt(1_000_000) * 1000L + 500 : random.nextInt(1_000_000_000); // ties, then any
            rows.add(row(i, null, base.plusSeconds(random.nextInt(5)).withNano((int) nanos), null, null, null, null, null, null, null, null));
        }
        assertSameAsInsert("rounding", VALUES, rows);
    }

    @Test
    void shouldNameTheColumnAValueDoesNotFit() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {UUID.randomUUID(), "text", "v", "not a number", null, null, null, null, null, null, null});
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> CopyIn.copy(ctx, probe(), VALUES, rows));
        assertTrue(failure.getMessage().contains("c_bigint"), failure.getMessage());
    }

    private static void assertSameAsInsert(String source, List<Field<?>> fields, List<Object[]> rows) {
        List<Field<?>> columns = new ArrayList<>(List.of(ROW, SOURCE));
        columns.addAll(fields);
        List<Object[]> copied = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] values = new Object[fields.size() + 2];
            values[0] = i;
            values[1] = source + "-copy";
            System.arraycopy(rows.get(i), 0, values, 2, fields.size());
            copied.add(values);
            ctx.insertInto(probe()).columns(columns).values(withSource(values, source + "-insert")).execute();
        }
        assertEquals(rows.size(), CopyIn.copy(ctx, probe(), columns, copied));
        List<List<String>> inserted = stored(source + "-insert", fields);
        List<List<String>> stored = stored(source + "-copy", fields);
        assertEquals(rows.size(), inserted.size());
        assertEquals(rows.size(), stored.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(inserted.get(i), stored.get(i), "row " + i);
        }
    }

    private static Object[] withSource(Object[] values, String source) {
        Object[] copy = values.clone();
        copy[1] = source;
        return copy;
    }

    private static List<List<String>> stored(String source, List<Field<?>> fields) {
        List<Field<String>> asText = fields.stream().map(f -> f.cast(SQLDataType.CLOB)).toList();
        return ctx.select(asText).from(probe()).where(SOURCE.eq(source)).orderBy(ROW)
                .fetch(r -> {
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < r.size(); i++) {
                        values.add(r.get(i, String.class));
                    }
                    return values;
                });
    }

    private static List<Object[]> rows(boolean withAmount) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(row(0, "plain", OffsetDateTime.parse("2026-11-23T01:02:03.123456Z"), "{\"a\": 1}", Speaker.CALLER, 42L,
                (short) 7, 0.1, 0.25f, true, "v"));
        rows.add(row(1, "quotes \" and , commas\nnewline \\ backslash \t tab", OffsetDateTime.parse("1970-01-01T00:00:00+05:30"),
                "{\"nested\": {\"list\": [1, \"two\", null], \"unicode\": \"ünïcödé 🚑\"}}", Speaker.OPERATOR, Long.MAX_VALUE,
                Short.MIN_VALUE, -0.0, Float.MIN_VALUE, false, "ünïcödé 🚑"));
        rows.add(row(2, "", OffsetDateTime.parse("2026-11-23T23:59:59.999999500-08:00"), "[]", null, Long.MIN_VALUE,
                null, Double.MAX_VALUE, null, null, ""));
        rows.add(row(3, null, null, null, null, null, null, Double.NaN, Float.POSITIVE_INFINITY, null, null));
        if (withAmount) {
            for (int i = 0; i < rows.size(); i++) {
                Object[] longer = Arrays.copyOf(rows.get(i), rows.get(i).length + 1);
                longer[longer.length - 1] = new BigDecimal("1234.567");
                rows.set(i, longer);
            }
        }
        return rows;
    }

    private static Object[] row(int seed, String text, OffsetDateTime at, String json, Speaker speaker, Long bigint,
                                Short smallint, Double number, Float real, Boolean flag, String varchar) {
        return new Object[] {new UUID(seed, seed * 31L + 1), text, varchar, bigint, smallint, number, real, flag, at,
                json == null ? null : JSONB.valueOf(json), speaker};
    }
}
