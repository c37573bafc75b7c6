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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Writes {@code fleet.audit_logs}: one row per change, in the same transaction as the change, so a
 * rolled-back write leaves no audit row and a committed one always has its row. Every repository
 * write goes through here; the table itself rejects UPDATE, DELETE and TRUNCATE.
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
     * {@link FleetDatabase} ({@link FleetQueries}), as every write of every transaction sends it.
     * The states go as text cast to {@code jsonb}, so that every value binds as plain JDBC.
     */
    public static ResultQuery<Record1<UUID>> insertTemplate(DSLContext renderer) {
        return renderer.insertInto(AUDIT_LOGS)
                .set(AUDIT_LOGS.ORG_ID, DSL.param("org_id", AUDIT_LOGS.ORG_ID))
                .set(AUDIT_LOGS.ACTOR_ID, DSL.param("actor_id", AUDIT_LOGS.ACTOR_ID))
                .set(AUDIT_LOGS.ACTOR, DSL.param("actor", AUDIT_LOGS.ACTOR))
                .set(AUDIT_LOGS.ACTION, DSL.param("action", AUDIT_LOGS.ACTION))
                .set(AUDIT_LOGS.ENTITY_TYPE, DSL.param("entity_type", AUDIT_LOGS.ENTITY_TYPE))
                .set(AUDIT_LOGS.ENTITY_ID, DSL.param("entity_id", AUDIT_LOGS.ENTITY_ID))
                .set(AUDIT_LOGS.BEFORE_STATE, jsonText("before_state"))
                .set(AUDIT_LOGS.AFTER_STATE, jsonText("after_state"))
                .set(AUDIT_LOGS.OCCURRED_AT, CLOCK)
                // a map, because the column's Java type (Object) makes set(field, value) ambiguous with set(field, field)
                .set(Map.of(AUDIT_LOGS.IP_ADDRESS, DSL.cast(DSL.param("ip_address", SQLDataType.VARCHAR), AUDIT_LOGS.IP_ADDRESS.getDataType())))
                .set(AUDIT_LOGS.CORRELATION_ID, DSL.param("correlation_id", AUDIT_LOGS.CORRELATION_ID))
                .returningResult(AUDIT_LOGS.ID);
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
