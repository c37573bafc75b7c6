package dev.publicsafety.dal.fleet.radio;

import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_LOGS;
import static dev.publicsafety.dal.generated.fleet.Tables.RADIO_CHANNELS;
import static dev.publicsafety.dal.generated.fleet.Tables.TRANSCRIPT_SEARCH;
import static dev.publicsafety.dal.generated.fleet.Tables.TRANSMISSIONS_MENTIONING;
import static dev.publicsafety.dal.generated.fleet.Tables.TRANSMISSIONS;
import static dev.publicsafety.dal.generated.fleet.Tables.TRANSMISSION_MENTIONS;

import dev.publicsafety.dal.copy.CopyIn;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.fleet.internal.Keyset;
import dev.publicsafety.dal.fleet.internal.KeysetList;
import dev.publicsafety.dal.fleet.internal.Tags;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.TransmissionStatus;
import dev.publicsafety.dal.generated.fleet.tables.TranscriptSearch;
import dev.publicsafety.dal.generated.fleet.tables.TransmissionMentions;
import dev.publicsafety.dal.generated.fleet.tables.TransmissionsMentioning;
import dev.publicsafety.dal.generated.fleet.tables.records.TransmissionsRecord;
import dev.publicsafety.dal.internal.BatchIds;
import dev.publicsafety.dal.internal.NamedStatement;
import dev.publicsafety.dal.internal.UnitOfWork;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.SortOrder;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Radio traffic: recorded one at a time or in bulk by recorders, transcribed, searched by channel
 * and time (newest first) and by the entities extracted from it.
 */
public final class TransmissionRepository extends TenantRepository<TransmissionsRecord> {

    /** The columns a bulk ingest fills, in COPY order. */
    private static final List<Field<?>> INGEST_COLUMNS = List.of(TRANSMISSIONS.ID, TRANSMISSIONS.ORG_ID,
            TRANSMISSIONS.CHANNEL_ID, TRANSMISSIONS.STARTED_AT, TRANSMISSIONS.ENDED_AT, TRANSMISSIONS.AUDIO_REF,
            TRANSMISSIONS.TRANSCRIPTION, TRANSMISSIONS.TRANSCRIPTION_CONFIDENCE, TRANSMISSIONS.LANGUAGE,
            TRANSMISSIONS.ENTITIES, TRANSMISSIONS.METADATA, TRANSMISSIONS.STATUS, TRANSMISSIONS.DURATION_MS);

    /**
     * From this many rows a batch goes in with COPY. Below, one multi-row INSERT is cheaper: COPY under
     * row-level security costs four statements more (the role check, COPY into the staging table,
     * INSERT … SELECT, TRUNCATE, which also replaces the staging table's file): a recorder's batch of 5
     * took 10.1 ms that way, against 3.3 ms for JDBC's batch of INSERTs (docs/benchmarks.md, run 10).
     * Where between 5 and 5,000 rows COPY starts to win was not measured.
     */
    static final int COPY_FROM_ROWS = 64;

    private static final String BULK_INGEST = "bulk_ingest";

    private static final String STAGING_SCHEMA = "pg_temp";
    private static final Table<Record> STAGING = DSL.table(DSL.name(STAGING_SCHEMA, "transmissions_ingest"));
    /** The staging table's columns: those of the ingest, with their types. */
    private static final List<Field<?>> STAGED_COLUMNS = INGEST_COLUMNS.stream()
            .<Field<?>>map(column -> DSL.field(DSL.name(STAGING.getName(), column.getName()), column.getDataType()))
            .toList();

    private final FleetTransaction transaction;

    /** {@code transaction} is the path to the incidents a transmission is linked to. */
    public TransmissionRepository(TenantContext context, FleetTransaction transaction) {
        super(context, TRANSMISSIONS, TRANSMISSIONS.ID, TRANSMISSIONS.ORG_ID, TRANSMISSIONS.DELETED_AT, null);
        this.transaction = transaction;
    }

    /** Records one transmission on a live channel of this organization. */
    public Transmission record(NewTransmission transmission) {
        return recordRow(null, transmission);
    }

    /**
     * {@link #record(NewTransmission)} under {@code id} instead of a generated id: for records brought over from
     * another system with their ids kept ({@code dal import fleet}). The partitioned table's key is
     * {@code (org_id, id, started_at)}: only a row of this organization with the same id and start,
     * soft-deleted or not, is a {@code ConflictException}.
     */
    public Transmission recordWithId(UUID id, NewTransmission transmission) {
        return recordRow(requireId(id), transmission);
    }

    private Transmission recordRow(UUID id, NewTransmission transmission) {
        requireLiveChannels(Set.of(transmission.channelId()));
        TransmissionsRecord values = blank();
        values.setChannelId(transmission.channelId());
        values.setStartedAt(transmission.startedAt());
        values.setEndedAt(transmission.endedAt());
        values.setAudioRef(transmission.audioRef());
        values.setTranscription(transmission.transcription());
        values.setTranscriptionConfidence(transmission.transcriptionConfidence());
        values.setLanguage(transmission.language());
        values.setEntities(transmission.entities());
        values.setMetadata(Json.of(transmission.metadata()));
        values.setStatus(transmission.status());
        values.setDurationMs(transmission.durationMs());
        return Transmission.of(insert(id, values));
    }

    public Optional<Transmission> findById(UUID id) {
        return fetchLive(id).map(Transmission::of);
    }

    public Transmission get(UUID id) {
        return Transmission.of(requireLive(id));
    }

    /** Stores the transcription pipeline's result for a recorded transmission. */
    public Transmission transcribe(UUID id, String text, double confidence, String language, List<TransmissionEntity> entities) {
        if (confidence < 0 || confidence > 1) {
            throw new InvalidInputException("confidence", "transcription confidence must be between 0 and 1, was " + confidence);
        }
        Validate.optionalText("transmission language", language, 16);
        List<TransmissionEntity> extracted = entities == null ? List.of() : List.copyOf(entities);
        return Transmission.of(updateLocked(id, "transcribe", r -> {
            r.setTranscription(text);
            r.setTranscriptionConfidence(confidence);
            r.setLanguage(language);
            r.setEntities(extracted);
            r.setStatus(TransmissionStatus.TRANSCRIBED);
        }));
    }

    /** Moves the transmission to {@code status} (e.g. reviewed by a dispatcher, or failed transcription). */
    public Transmission setStatus(UUID id, TransmissionStatus status) {
        if (status == null) {
            throw new InvalidInputException("status", "transmission " + id + ": status is required (received, transcribed, reviewed, failed)");
        }
        return Transmission.of(updateLocked(id, "status:" + status.getLiteral(), r -> r.setStatus(status)));
    }

    public Transmission setPriority(UUID id, int priority) {
        Validate.priority("transmission", priority);
        return Transmission.of(updateLocked(id, "set_priority", r -> r.setPriority((short) priority)));
    }

    /** Adds tags (existing ones are kept, duplicates ignored). */
    public Transmission tag(UUID id, String... tags) {
        List<String> added = Tags.check(Arrays.asList(tags));
        TransmissionsRecord before = lockLive(id);
        Set<String> merged = new LinkedHashSet<>(Arrays.asList(before.getTags()));
        merged.addAll(added);
        return Transmission.of(applyLocked(before, "tag", r -> r.setTags(merged.toArray(String[]::new))));
    }

    /**
     * Transmissions whose transcription matches {@code query} (web search syntax: words, "a
     * phrase", -word, or), newest first, keyset-paged on {@code (started_at, id)}. English
     * stemming ("fires" finds "fire"). The rows come from {@code fleet.transcript_search}, which looks
     * for them in time windows, newest first and widening (an hour, then two, four, …), so a word
     * that is common finds its page in the newest hours whatever the length of the history. It runs
     * as the owner for this organization only: under row-level security the application role's own
     * query could not use the GIN index on {@code transcript_search}.
     */
    public Page<Transmission> searchTranscripts(String query, PageRequest page) {
        Validate.text("transcript search", query, 500);
        String kind = "transmissions.search:" + query;
        return Keyset.pageFrom(context, TRANSCRIPT_PAGE, page, kind, Transmission::of, NEWEST_FIRST, query);
    }

    /** The key of the pages the transcript and entity searches' functions return, newest first. */
    private static final Field<?>[] NEWEST_FIRST = {TRANSMISSIONS.STARTED_AT, TRANSMISSIONS.ID};

    /**
     * {@link #searchTranscripts}' statement, for every page: {@code fleet.transcript_search} returns
     * the newest matching rows before the cursor, newest first, so no seek is added here, and nothing
     * is joined (joining its keys back to the partitioned table cost as much as the search; fleet
     * V14). The organization is checked once more on what it returns.
     */
    private static final NamedStatement<TransmissionsRecord> TRANSCRIPT_PAGE = new NamedStatement<>("the transcript search",
            List.of("query", "wanted", "before_at", "before_id", "org_id"), r -> {
                TranscriptSearch rows = TRANSCRIPT_SEARCH.call(DSL.param("query", String.class), DSL.param("wanted", Integer.class),
                        DSL.param("before_at", TRANSMISSIONS.STARTED_AT), DSL.param("before_id", TRANSMISSIONS.ID));
                return r.selectFrom(rows).where(rows.ORG_ID.eq(DSL.param("org_id", TRANSMISSIONS.ORG_ID)))
                        .orderBy(rows.STARTED_AT.desc(), rows.ID.desc());
            });

    /**
     * Links the transmission to a live incident of this organization. The transmission changes, so
     * it is audited as a transmission; the incident's version is unchanged.
     */
    public Transmission linkToIncident(UUID id, UUID incidentId) {
        transaction.incidents().get(incidentId);
        return Transmission.of(updateLocked(id, "link_incident", r -> r.setIncidentId(incidentId)));
    }

    /**
     * A channel's traffic with {@code from <= started_at < to}, newest first, keyset-paged on
     * {@code (started_at, id)}; served by the {@code (channel_id, started_at)} index.
     */
    public Page<Transmission> channelTraffic(UUID channelId, OffsetDateTime from, OffsetDateTime to, PageRequest page) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidInputException("from", "channel traffic needs a time range with from before to, was " + from + " .. " + to);
        }
        return CHANNEL_TRAFFIC.page(context, page, "transmissions.channel_traffic:" + channelId + ":" + from + ":" + to,
                Transmission::of, context.orgId(), channelId, from, to);
    }

    /** {@link #channelTraffic}'s list, rendered once per {@link FleetDatabase}. */
    private static final KeysetList<TransmissionsRecord> CHANNEL_TRAFFIC = new KeysetList<>(
            renderer -> renderer.selectFrom(TRANSMISSIONS)
            .where(TRANSMISSIONS.ORG_ID.eq(DSL.param("org_id", TRANSMISSIONS.ORG_ID))).and(TRANSMISSIONS.DELETED_AT.isNull())
            .and(TRANSMISSIONS.CHANNEL_ID.eq(DSL.param("channel_id", TRANSMISSIONS.CHANNEL_ID)))
            .and(TRANSMISSIONS.STARTED_AT.ge(DSL.param("from", TRANSMISSIONS.STARTED_AT)))
            .and(TRANSMISSIONS.STARTED_AT.lt(DSL.param("to", TRANSMISSIONS.STARTED_AT))),
            List.of("org_id", "channel_id", "from", "to"), SortOrder.DESC, TRANSMISSIONS.STARTED_AT, TRANSMISSIONS.ID);

    /**
     * Every transmission that mentions the entity (type and value, e.g. {@code PLATE 8RVT214}), newest
     * first; type and value compare exactly, as extracted. Served by
     * {@code fleet.transmission_mentions}, kept by triggers in the order this reads it: a page costs
     * a short walk down one btree, however many transmissions mention the entity. On a connection
     * that plans every statement ({@code prepareThreshold=0}) it is read through
     * {@code fleet.transmissions_mentioning}, whose plan the server session keeps (fleet V15); a
     * cursor of either path serves the other.
     */
    public Page<Transmission> mentioning(String entityType, String value, PageRequest page) {
        TransmissionEntity probe = TransmissionEntity.of(entityType, value);
        String kind = "transmissions.mentioning:" + entityType + ":" + value;
        if (!context.plansEveryStatement()) {
            return MENTIONING.page(context, page, kind, r -> Transmission.of(r.into(TRANSMISSIONS)), context.orgId(), probe.type(),
                    probe.value());
        }
        return Keyset.pageFrom(context, MENTIONING_IN_SESSION, page, kind, Transmission::of, NEWEST_FIRST, probe.type(), probe.value());
    }

    /**
     * {@link #mentioning}'s page from {@code fleet.transmissions_mentioning}, which seeks past the
     * cursor itself; the organization is checked once more on what it returns.
     */
    private static final NamedStatement<TransmissionsRecord> MENTIONING_IN_SESSION = new NamedStatement<>(
            "the transmissions mentioning an entity", List.of("kind", "mentioned", "wanted", "before_at", "before_id", "org_id"), r -> {
                TransmissionsMentioning rows = TRANSMISSIONS_MENTIONING.call(DSL.param("kind", String.class),
                        DSL.param("mentioned", String.class), DSL.param("wanted", Integer.class),
                        DSL.param("before_at", TRANSMISSIONS.STARTED_AT), DSL.param("before_id", TRANSMISSIONS.ID));
                return r.selectFrom(rows).where(rows.ORG_ID.eq(DSL.param("org_id", TRANSMISSIONS.ORG_ID)))
                        .orderBy(rows.STARTED_AT.desc(), rows.ID.desc());
            });

    /** {@link #mentioning}'s list, rendered once per {@link FleetDatabase}. */
    private static final KeysetList<Record> MENTIONING = mentioningList();

    private static KeysetList<Record> mentioningList() {
        TransmissionMentions m = TRANSMISSION_MENTIONS;
        // Sorted and sought on the mention's columns, so that the index order serves every page.
        return new KeysetList<>(renderer -> renderer.select(TRANSMISSIONS.fields()).select(m.STARTED_AT, m.TRANSMISSION_ID)
                .from(m).join(TRANSMISSIONS).on(TRANSMISSIONS.ORG_ID.eq(m.ORG_ID)).and(TRANSMISSIONS.ID.eq(m.TRANSMISSION_ID))
                .and(TRANSMISSIONS.STARTED_AT.eq(m.STARTED_AT))
                .where(m.ORG_ID.eq(DSL.param("org_id", m.ORG_ID))).and(m.ENTITY_TYPE.eq(mentionKey("entity_type")))
                .and(m.ENTITY_VALUE.eq(mentionKey("entity_value")))
                .and(TRANSMISSIONS.DELETED_AT.isNull()),
                List.of("org_id", "entity_type", "entity_value"), SortOrder.DESC, m.STARTED_AT, m.TRANSMISSION_ID);
    }

    private static Field<String> mentionKey(String parameter) {
        return DSL.function(DSL.name(TRANSMISSION_MENTIONS.getSchema().getName(), "mention_key"), SQLDataType.CLOB,
                DSL.param(parameter, SQLDataType.CLOB));
    }

    /** The traffic linked to an incident, newest first. */
    public Page<Transmission> forIncident(UUID incidentId, PageRequest page) {
        return Keyset.page(dsl().selectFrom(TRANSMISSIONS).where(live()).and(TRANSMISSIONS.INCIDENT_ID.eq(incidentId)),
                page, "transmissions.for_incident:" + incidentId, Transmission::of,
                SortOrder.DESC, TRANSMISSIONS.STARTED_AT, TRANSMISSIONS.ID);
    }

    /**
     * Loads a batch from a recorder: all rows or none; from {@value #COPY_FROM_ROWS} rows with PostgreSQL's COPY,
     * a smaller batch with one INSERT. For COPY and a role subject to
     * row-level security the rows go through a staging table (see {@link #ingestThroughStaging});
     * for the owner or a BYPASSRLS ingest role they are copied straight in, which is as fast as raw COPY.
     *
     * <p>Audited as one row per batch, not per transmission: action {@code bulk_ingest}, entity id
     * the batch id, {@code after_state} holding the count, first and last id, channels and time range.
     */
    public IngestResult bulkIngest(List<NewTransmission> batch) {
        return ingest(UUID.randomUUID(), batch, false);
    }

    /**
     * {@link #bulkIngest(List)} under a batch id the caller chose, safe to send again: when a commit's
     * answer is lost (the connection drops during COMMIT, which PostgreSQL may already have made
     * durable), resend the same batch under the same id. If that batch is already stored in this
     * organization, nothing is written and the first result comes back, {@link IngestResult#replayed()}
     * true. The transmissions' ids derive from the batch id, so two sends racing each other cannot
     * both commit: the primary key refuses the second.
     *
     * @throws InvalidInputException if the id was used for a batch of another size
     */
    public IngestResult bulkIngest(UUID batchId, List<NewTransmission> batch) {
        if (batchId == null) {
            throw new InvalidInputException("batchId", "a resendable bulk ingest needs its batch id");
        }
        return ingest(batchId, batch, true);
    }

    private IngestResult ingest(UUID batchId, List<NewTransmission> batch, boolean mayBeStored) {
        if (batch == null || batch.isEmpty()) {
            throw new InvalidInputException("transmissions", "a bulk ingest needs at least one transmission");
        }
        List<UUID> ids = BatchIds.of(batchId, batch.size());
        if (mayBeStored) {
            Optional<Integer> stored = storedBatchSize(batchId);
            if (stored.isPresent()) {
                if (stored.get() != batch.size()) {
                    throw new InvalidInputException("batchId", "batch " + batchId + " was ingested with " + stored.get()
                            + " transmissions; this one has " + batch.size());
                }
                return new IngestResult(batchId, ids, true);
            }
        }
        requireLiveChannels(batch.stream().map(NewTransmission::channelId).collect(Collectors.toSet()));
        int inserted = batch.size() < COPY_FROM_ROWS ? insertRows(batch, ids) : copyIn(batch, ids);
        UnitOfWork.ingested(TRANSMISSIONS, inserted);
        if (inserted != batch.size()) {
            throw new IllegalStateException("bulk ingest inserted " + inserted + " of " + batch.size() + " transmissions");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("batch_id", batchId.toString());
        summary.put("count", inserted);
        summary.put("first_id", ids.get(0).toString());
        summary.put("last_id", ids.get(ids.size() - 1).toString());
        summary.put("channel_ids", batch.stream().map(t -> t.channelId().toString()).collect(Collectors.toCollection(TreeSet::new)));
        summary.put("started_from", batch.stream().map(NewTransmission::startedAt).min(Comparator.naturalOrder()).orElseThrow().toString());
        summary.put("started_to", batch.stream().map(NewTransmission::startedAt).max(Comparator.naturalOrder()).orElseThrow().toString());
        context.audit().recordDocument(BULK_INGEST, entityType(), batchId, null, summary);
        return new IngestResult(batchId, ids, false);
    }

    /** The size of the batch stored under this id in this organization, from its audit row. */
    private Optional<Integer> storedBatchSize(UUID batchId) {
        return dsl().select(DSL.jsonbGetAttributeAsText(AUDIT_LOGS.AFTER_STATE, "count").cast(Integer.class))
                .from(AUDIT_LOGS)
                .where(AUDIT_LOGS.ORG_ID.eq(context.orgId())).and(AUDIT_LOGS.ENTITY_TYPE.eq(entityType()))
                .and(AUDIT_LOGS.ENTITY_ID.eq(batchId)).and(AUDIT_LOGS.ACTION.eq(BULK_INGEST))
                .fetchOptional(Record1::value1);
    }

    private int copyIn(List<NewTransmission> batch, List<UUID> ids) {
        IngestPath path = ingestPath();
        if (path.rowLevelSecurity()) {
            return ingestThroughStaging(batch, ids, path.stagingExists());
        }
        // Owner or BYPASSRLS role: COPY straight in. Every row still carries this transaction's
        // organization, and the composite foreign keys still tie each channel to it.
        return (int) copyRows(TRANSMISSIONS, INGEST_COLUMNS, batch, ids);
    }

    /** Whether PostgreSQL applies row-level security to this role on fleet.transmissions, and whether this session has a staging table. */
    private record IngestPath(boolean rowLevelSecurity, boolean stagingExists) {
    }

    private IngestPath ingestPath() {
        var row = dsl().select(
                        DSL.function("row_security_active", Boolean.class, DSL.val(TRANSMISSIONS.getSchema().getName() + "." + TRANSMISSIONS.getName())),
                        DSL.function("to_regclass", Object.class, DSL.val(STAGING_SCHEMA + "." + STAGING.getName())).isNotNull())
                .fetchSingle();
        return new IngestPath(row.value1(), row.value2());
    }

    /**
     * PostgreSQL refuses COPY FROM into a table with row-level security for a role subject to it:
     * copy into a temporary table, then one INSERT … SELECT that the policy checks like any write.
     * The staging table stays with the session, empty: creating and dropping it for every batch
     * cost 5–14 ms of catalog work per 5,000 rows. It is emptied right after use, so a second batch
     * in the same transaction starts clean, and ON COMMIT DELETE ROWS guarantees that no
     * organization's rows outlive the transaction on a pooled connection.
     */
    private int ingestThroughStaging(List<NewTransmission> batch, List<UUID> ids, boolean stagingExists) {
        if (!stagingExists) {
            dsl().createTemporaryTable(STAGING.getUnqualifiedName())
                    .as(DSL.select(INGEST_COLUMNS).from(TRANSMISSIONS).where(DSL.falseCondition()))
                    .withNoData()
                    .onCommitDeleteRows()
                    .execute();
        }
        copyRows(STAGING, STAGED_COLUMNS, batch, ids);
        int inserted = dsl().insertInto(TRANSMISSIONS).columns(INGEST_COLUMNS)
                .select(DSL.select(STAGED_COLUMNS).from(STAGING))
                .execute();
        dsl().truncate(STAGING).execute();
        return inserted;
    }

    /**
     * A small batch as one multi-row INSERT: one round trip, which row-level security checks like any
     * write. Rendered once per number of rows.
     */
    private int insertRows(List<NewTransmission> batch, List<UUID> ids) {
        List<Object[]> rows = rows(batch, ids);
        Object[] values = new Object[rows.size() * INGEST_COLUMNS.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, values, i * INGEST_COLUMNS.size(), INGEST_COLUMNS.size());
        }
        return context.fetch(context.queries().hot(INSERT_ROWS.get(rows.size())), values).size();
    }

    /** {@link #insertRows}' statement for each batch size below {@link #COPY_FROM_ROWS}, returning the ids inserted. */
    private static final List<NamedStatement<Record1<UUID>>> INSERT_ROWS = IntStream.range(0, COPY_FROM_ROWS)
            .mapToObj(rows -> new NamedStatement<>("a batch of " + rows + " transmissions", batchParameters(rows), r -> {
                var insert = r.insertInto(TRANSMISSIONS).columns(INGEST_COLUMNS);
                for (int i = 0; i < rows; i++) {
                    int row = i;
                    insert = insert.values(INGEST_COLUMNS.stream().<Field<?>>map(column -> DSL.param(column.getName() + "_" + row, column)).toList());
                }
                return insert.returningResult(TRANSMISSIONS.ID);
            }))
            .toList();

    /**
     * Which of up to 16 channels are live channels of the organization, for each number of channels
     * (a batch names few): one statement each, rendered once.
     */
    private static final List<NamedStatement<Record1<UUID>>> LIVE_CHANNELS = IntStream.rangeClosed(0, 16)
            .mapToObj(count -> new NamedStatement<>("the live channels among " + count,
                    Stream.concat(Stream.of("org_id"), IntStream.range(0, count).mapToObj(i -> "id_" + i)).toList(),
                    r -> r.select(RADIO_CHANNELS.ID).from(RADIO_CHANNELS)
                            .where(RADIO_CHANNELS.ORG_ID.eq(DSL.param("org_id", RADIO_CHANNELS.ORG_ID))).and(RADIO_CHANNELS.DELETED_AT.isNull())
                            .and(RADIO_CHANNELS.ID.in(IntStream.range(0, count).mapToObj(i -> DSL.param("id_" + i, RADIO_CHANNELS.ID)).toList()))))
            .toList();

    /** A batch's parameter names, row by row: each its own, as jOOQ keeps one parameter per name. */
    private static List<String> batchParameters(int rows) {
        List<String> names = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            for (Field<?> column : INGEST_COLUMNS) {
                names.add(column.getName() + "_" + row);
            }
        }
        return names;
    }

    private long copyRows(Table<?> table, List<Field<?>> fields, List<NewTransmission> batch, List<UUID> ids) {
        return CopyIn.copy(dsl(), table, fields, rows(batch, ids));
    }

    /** The batch's values in {@link #INGEST_COLUMNS} order, for this organization. */
    private List<Object[]> rows(List<NewTransmission> batch, List<UUID> ids) {
        UUID org = context.orgId();
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            NewTransmission t = batch.get(i);
            rows.add(new Object[] {ids.get(i), org, t.channelId(), t.startedAt(), t.endedAt(), t.audioRef(), t.transcription(),
                    t.transcriptionConfidence(), t.language(), t.entities(), Json.of(t.metadata()), t.status(), t.durationMs()});
        }
        return rows;
    }

    private void requireLiveChannels(Set<UUID> channelIds) {
        Set<UUID> found = new HashSet<>();
        List<UUID> ids = List.copyOf(channelIds);
        for (int from = 0; from < ids.size(); from += LIVE_CHANNELS.size() - 1) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + LIVE_CHANNELS.size() - 1));
            Object[] values = new Object[chunk.size() + 1];
            values[0] = context.orgId();
            for (int i = 0; i < chunk.size(); i++) {
                values[i + 1] = chunk.get(i);
            }
            context.fetch(context.queries().hot(LIVE_CHANNELS.get(chunk.size())), values).forEach(row -> found.add(row.value1()));
        }
        for (UUID id : channelIds) {
            if (!found.contains(id)) {
                throw TenantRepository.missing("radio_channels", id, "transmissions need a live channel of this organization");
            }
        }
    }
}
