package dev.publicsafety.dal.fleet.internal;

import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_LOGS;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.jsonb.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.JSONEntry;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Writes {@code fleet.audit_logs}: one row per change, in the same transaction as the change, so a
 * rolled-back write leaves no audit row and a committed one always has its row. Every repository
 * write goes through here: an insert or update of a tenant row writes its audit row in its own
 * statement ({@link #insertFor}, sent by {@link TableStatements}), the other writes send it on its
 * own ({@link #record}). The table itself rejects UPDATE, DELETE and TRUNCATE.
 *
 * <p>States are the complete row as JSON (column name to value), with secrets redacted. Bulk ingest
 * writes one row per batch (action {@code bulk_ingest}), not one per ingested row.
 */
public final class AuditTrail {

    /** Columns whose values never enter the trail. */
    private static final Set<String> REDACTED = Set.of("secret");

    /** Columns the server computes from others in the row: left out, the trail has their source. */
    private static final Set<String> DERIVED = Set.of("transcript_search");

    /**
     * {@code clock_timestamp()}, not the transaction's {@code now()}: several changes in one
     * transaction then keep their order in the trail.
     */
    private static final Field<OffsetDateTime> CLOCK = DSL.function("clock_timestamp", SQLDataType.TIMESTAMPWITHTIMEZONE);

    /**
     * What {@link #insertFor}'s parameter names start with: jOOQ keeps one parameter per name, and
     * the change beside it has parameters of its own ({@code org_id}…).
     */
    private static final String CHANGE_PREFIX = "audit_";

    /** The parameters of {@link #insertFor}, in the order jOOQ renders them. */
    static final List<String> CHANGE_PARAMETERS = Stream.of("org_id", "actor_id", "actor", "action", "entity_type",
            "before_state", "ip_address", "correlation_id").map(name -> CHANGE_PREFIX + name).toList();

    /** PostgreSQL's limit on a function's arguments: {@code jsonb_build_object} takes a name and a value per column. */
    private static final int MAX_STATE_COLUMNS = 50;

    private final TenantContext context;

    public AuditTrail(TenantContext context) {
        this.context = context;
    }

    /** Records a change of a row; {@code before} is null for a create, {@code after} null for a purge. */
    public void record(String action, String entityType, UUID entityId, Record before, Record after) {
        write(action, entityType, entityId, before == null ? null : snapshot(before), after == null ? null : snapshot(after));
    }

    /** Records an action described by a JSON document rather than by a row (e.g. a bulk ingest). */
    public void recordDocument(String action, String entityType, UUID entityId, Map<String, ?> before, Map<String, ?> after) {
        write(action, entityType, entityId, before == null ? null : toJsonb(before), after == null ? null : toJsonb(after));
    }

    private void write(String action, String entityType, UUID entityId, JSONB before, JSONB after) {
        Actor actor = context.actor();
        context.fetchSingle(context.queries().auditInsert(), context.orgId(), actor.userId(), actor.name(), action, entityType,
                entityId, before == null ? null : before.data(), after == null ? null : after.data(), actor.ipAddress(),
                actor.correlationId());
    }

    /**
     * The audit row's INSERT, its values in the order {@link #write} passes them: rendered once per
     * {@link FleetDatabase} ({@link FleetQueries}), for the changes whose audit row goes on its own
     * (bulk ingest, soft delete, restore, purge, reorder). The states go as text cast to
     * {@code jsonb}, so that every value binds as plain JDBC.
     */
    public static ResultQuery<Record1<UUID>> insertTemplate(DSLContext renderer) {
        return renderer.insertInto(AUDIT_LOGS)
                .set(columns("", DSL.param("entity_id", AUDIT_LOGS.ENTITY_ID), jsonText("after_state")))
                .returningResult(AUDIT_LOGS.ID);
    }

    /**
     * The audit row of each row {@code changed} returns (a table's insert or update … returning, named
     * as a common table expression), for the same statement as the change: the audit row costs no
     * round trip of its own. Its after state is built by the server from the returned row, as
     * {@link #snapshot} builds it in Java ({@link #state}). Its parameters are
     * {@link #CHANGE_PARAMETERS}, their values {@link #changeValues}.
     */
    static ResultQuery<Record1<UUID>> insertFor(DSLContext renderer, Table<?> changed, Field<UUID> entityId) {
        Map<Field<?>, Field<?>> columns = columns(CHANGE_PREFIX, changed.field(entityId), state(changed));
        return renderer.insertInto(AUDIT_LOGS).columns(columns.keySet())
                .select(DSL.select(columns.values()).from(changed))
                .returningResult(AUDIT_LOGS.ID);
    }

    /** The values of {@link #insertFor}'s parameters for a change of a row, {@code before} null for a create. */
    Object[] changeValues(String action, String entityType, Record before) {
        Actor actor = context.actor();
        return new Object[] {context.orgId(), actor.userId(), actor.name(), action, entityType,
                before == null ? null : snapshot(before).data(), actor.ipAddress(), actor.correlationId()};
    }

    /** An audit row's columns and their values, the entity and its after state given; parameter names start with {@code prefix}. */
    private static Map<Field<?>, Field<?>> columns(String prefix, Field<UUID> entityId, Field<JSONB> afterState) {
        Map<Field<?>, Field<?>> columns = new LinkedHashMap<>();
        columns.put(AUDIT_LOGS.ORG_ID, DSL.param(prefix + "org_id", AUDIT_LOGS.ORG_ID));
        columns.put(AUDIT_LOGS.ACTOR_ID, DSL.param(prefix + "actor_id", AUDIT_LOGS.ACTOR_ID));
        columns.put(AUDIT_LOGS.ACTOR, DSL.param(prefix + "actor", AUDIT_LOGS.ACTOR));
        columns.put(AUDIT_LOGS.ACTION, DSL.param(prefix + "action", AUDIT_LOGS.ACTION));
        columns.put(AUDIT_LOGS.ENTITY_TYPE, DSL.param(prefix + "entity_type", AUDIT_LOGS.ENTITY_TYPE));
        columns.put(AUDIT_LOGS.ENTITY_ID, entityId);
        columns.put(AUDIT_LOGS.BEFORE_STATE, jsonText(prefix + "before_state"));
        columns.put(AUDIT_LOGS.AFTER_STATE, afterState);
        columns.put(AUDIT_LOGS.OCCURRED_AT, CLOCK);
        columns.put(AUDIT_LOGS.IP_ADDRESS, DSL.cast(DSL.param(prefix + "ip_address", SQLDataType.VARCHAR), AUDIT_LOGS.IP_ADDRESS.getDataType()));
        columns.put(AUDIT_LOGS.CORRELATION_ID, DSL.param(prefix + "correlation_id", AUDIT_LOGS.CORRELATION_ID));
        return columns;
    }

    /**
     * {@link #snapshot} of a row of {@code changed}, built by the server: the same keys and, in the
     * data layer's default settings, the same values. A timestamp is written as Jackson writes the
     * {@code OffsetDateTime} jOOQ reads in the session's time zone ({@code Z} for UTC, the fraction
     * without trailing zeros); a JSONB column as stored, where the Java snapshot re-serializes a typed
     * one (the same JSON, up to number formatting).
     */
    private static Field<JSONB> state(Table<?> changed) {
        List<JSONEntry<?>> entries = new ArrayList<>();
        for (Field<?> column : changed.fields()) {
            String name = column.getName();
            if (DERIVED.contains(name)) {
                continue;
            }
            Field<?> value;
            if (REDACTED.contains(name)) {
                value = DSL.when(column.isNull(), DSL.inline((String) null)).otherwise(DSL.inline("[redacted]"));
            } else if (column.getConverter().fromType() == OffsetDateTime.class) {
                Field<String> iso = DSL.trim(DSL.function("to_jsonb", JSONB.class, column).cast(SQLDataType.CLOB), DSL.inline("\""));
                value = DSL.replace(iso, DSL.inline("+00:00"), DSL.inline("Z"));
            } else {
                value = column;
            }
            // inline names and literals: the statement binds only the audit row's values
            entries.add(DSL.key(DSL.inline(name)).value(value));
        }
        if (entries.size() > MAX_STATE_COLUMNS) {
            throw new IllegalStateException(changed.getName() + " returns more than " + MAX_STATE_COLUMNS
                    + " columns: its audit state no longer fits one jsonb_build_object");
        }
        return DSL.jsonbObject(entries);
    }

    private static Field<JSONB> jsonText(String name) {
        // VARCHAR, not CLOB: pgjdbc sends a null CLOB as an oid, which does not cast to jsonb
        return DSL.cast(DSL.param(name, SQLDataType.VARCHAR), SQLDataType.JSONB);
    }

    /** The row as a JSON object; typed JSONB columns appear as the JSON they are stored as. */
    @SuppressWarnings("unchecked")
    public static JSONB snapshot(Record row) {
        ObjectMapper mapper = JsonMapper.shared();
        StringWriter json = new StringWriter(512);
        // written straight to text, not through a tree of nodes: every write of every transaction takes a snapshot
        try (JsonGenerator out = mapper.createGenerator(json)) {
            out.writeStartObject();
            for (Field<?> field : row.fields()) {
                String name = field.getName();
                if (DERIVED.contains(name)) {
                    continue;
                }
                Object value = row.get(field);
                out.writeFieldName(name);
                if (value == null) {
                    out.writeNull();
                } else if (REDACTED.contains(name)) {
                    out.writeString("[redacted]");
                } else if (value instanceof JSONB jsonb) {
                    // the text PostgreSQL sent, written as it is: the column stores it as jsonb again, which drops the spacing
                    out.writeRawValue(jsonb.data());
                } else if (field.getConverter().fromType() == JSONB.class) {
                    // a typed JSONB column, as its converter stores it (elements kept as stored included)
                    out.writeRawValue(((Converter<JSONB, Object>) field.getConverter()).to(value).data());
                } else if (value instanceof EnumType e) {
                    out.writeString(e.getLiteral());
                } else {
                    mapper.writeValue(out, value);
                }
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write audit state as JSON: " + e.getMessage(), e);
        }
        return JSONB.valueOf(json.toString());
    }

    private static JSONB toJsonb(Map<String, ?> document) {
        try {
            return JSONB.valueOf(JsonMapper.shared().writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit state as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
