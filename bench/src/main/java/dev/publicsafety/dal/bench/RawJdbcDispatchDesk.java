package dev.publicsafety.dal.bench;

import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.jsonb.JsonMapper;
import dev.publicsafety.dal.workload.DalDispatchDesk;
import dev.publicsafety.dal.workload.DispatchDesk;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The dispatch floor written by hand with JDBC, the straightforward way: per transaction
 * {@code BEGIN}, {@code fleet.set_org_id}, the statements, an audit row per change holding the row
 * before and after as JSON ({@code to_jsonb}, chained by V3's trigger like every audit row), then
 * {@code COMMIT}. Same checks, same tables and indexes as the data layer; no COPY, which row-level
 * security refuses to the application role, so a batch is a JDBC batch of INSERTs.
 */
final class RawJdbcDispatchDesk implements DispatchDesk {

    private static final int LIMIT = DalDispatchDesk.PAGE + 1;
    private static final String AUDIT = "INSERT INTO fleet.audit_logs (org_id, actor_id, actor, action, entity_type, entity_id,"
            + " before_state, after_state, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, clock_timestamp())";

    private interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    private final DataSource pool;

    RawJdbcDispatchDesk(DataSource pool) {
        this.pool = pool;
    }

    private <T> T inTransaction(UUID org, Work<T> work) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement tenant = connection.prepareStatement("SELECT fleet.set_org_id(?)")) {
                    tenant.setObject(1, org);
                    tenant.executeQuery().close();
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void audit(Connection connection, UUID org, UUID actorId, String actor, String action, String entityType, UUID id,
                              String before, String after) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(AUDIT)) {
            insert.setObject(1, org);
            insert.setObject(2, actorId);
            insert.setString(3, actor);
            insert.setString(4, action);
            insert.setString(5, entityType);
            insert.setObject(6, id);
            insert.setString(7, before);
            insert.setString(8, after);
            insert.executeUpdate();
        }
    }

    private static void dispatcherAudit(Connection connection, Centre centre, String action, String entityType, UUID id, String before,
                                        String after) throws SQLException {
        audit(connection, centre.org(), centre.dispatcher(), centre.dispatcherName(), action, entityType, id, before, after);
    }

    /** Runs a query with its parameters; the caller reads the result. */
    private static ResultSet query(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.closeOnCompletion();
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement.executeQuery();
    }

    /** The row's state and version, for an optimistic update; fails as the data layer does when the version moved. */
    private static String[] stateAndStatus(Connection connection, String table, UUID org, UUID id, int version, boolean lock) throws SQLException {
        try (ResultSet row = query(connection, "SELECT to_jsonb(r), r.status::text, r.version FROM fleet." + table
                + " r WHERE r.id = ? AND r.org_id = ? AND r.deleted_at IS NULL" + (lock ? " FOR UPDATE" : ""), id, org)) {
            if (!row.next()) {
                throw new IllegalStateException(table + " " + id + " not found");
            }
            if (row.getInt(3) != version) {
                throw new IllegalStateException(table + " " + id + " is at version " + row.getInt(3) + ", not " + version);
            }
            return new String[] {row.getString(1), row.getString(2)};
        }
    }

    @Override
    public List<UUID> ingest(Centre centre, List<NewTransmission> batch) throws Exception {
        return inTransaction(centre.org(), connection -> {
            Set<UUID> channels = new HashSet<>();
            batch.forEach(t -> channels.add(t.channelId()));
            try (ResultSet live = query(connection, "SELECT count(*) FROM fleet.radio_channels WHERE org_id = ? AND deleted_at IS NULL"
                    + " AND id = ANY(?)", centre.org(), connection.createArrayOf("uuid", channels.toArray()))) {
                live.next();
                if (live.getInt(1) != channels.size()) {
                    throw new IllegalStateException("transmissions need a live channel of this organization");
                }
            }
            List<UUID> ids = new ArrayList<>(batch.size());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO fleet.transmissions (id, org_id, channel_id, started_at,"
                    + " ended_at, audio_ref, status, duration_ms) VALUES (?, ?, ?, ?, ?, ?, 'received', ?)")) {
                for (NewTransmission t : batch) {
                    UUID id = UUID.randomUUID();
                    ids.add(id);
                    insert.setObject(1, id);
                    insert.setObject(2, centre.org());
                    insert.setObject(3, t.channelId());
                    insert.setObject(4, t.startedAt());
                    insert.setObject(5, t.endedAt());
                    insert.setString(6, t.audioRef());
                    insert.setObject(7, t.endedAt() == null ? null : (int) Duration.between(t.startedAt(), t.endedAt()).toMillis());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            UUID batchId = UUID.randomUUID();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("batch_id", batchId.toString());
            summary.put("count", batch.size());
            summary.put("first_id", ids.get(0).toString());
            summary.put("last_id", ids.get(ids.size() - 1).toString());
            summary.put("channel_ids", batch.stream().map(t -> t.channelId().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
            summary.put("started_from", batch.stream().map(NewTransmission::startedAt).min(Comparator.naturalOrder()).orElseThrow().toString());
            summary.put("started_to", batch.stream().map(NewTransmission::startedAt).max(Comparator.naturalOrder()).orElseThrow().toString());
            audit(connection, centre.org(), null, DispatchFloor.RECORDER.name(), "bulk_ingest", "transmissions", batchId, null,
                    JsonMapper.shared().writeValueAsString(summary));
            return ids;
        });
    }

    @Override
    public void transcribe(Centre centre, UUID transmission, String text, List<TransmissionEntity> entities) throws Exception {
        String json = JsonMapper.shared().writeValueAsString(entities);
        inTransaction(centre.org(), connection -> {
            String before;
            try (ResultSet row = query(connection, "SELECT to_jsonb(t) - 'transcript_search' FROM fleet.transmissions t"
                    + " WHERE t.id = ? AND t.org_id = ? AND t.deleted_at IS NULL FOR UPDATE", transmission, centre.org())) {
                if (!row.next()) {
                    throw new IllegalStateException("transmission " + transmission + " not found");
                }
                before = row.getString(1);
            }
            String after;
            try (ResultSet row = query(connection, "UPDATE fleet.transmissions t SET transcription = ?, transcription_confidence = ?,"
                    + " language = ?, entities = ?::jsonb, status = 'transcribed' WHERE t.id = ? AND t.org_id = ?"
                    + " RETURNING to_jsonb(t) - 'transcript_search'", text, 0.9, "en", json, transmission, centre.org())) {
                row.next();
                after = row.getString(1);
            }
            audit(connection, centre.org(), null, DispatchFloor.TRANSCRIBER.name(), "transcribe", "transmissions", transmission, before, after);
            return null;
        });
    }

    @Override
    public Versioned openIncident(Centre centre, String number, String title, int priority) throws Exception {
        return inTransaction(centre.org(), connection -> {
            try (ResultSet row = query(connection, "INSERT INTO fleet.incidents AS r (org_id, incident_number, title, incident_type, status,"
                    + " priority, reported_at) VALUES (?, ?, ?, 'medical', 'new', ?, now()) RETURNING r.id, r.version, to_jsonb(r)",
                    centre.org(), number, title, priority)) {
                row.next();
                UUID id = row.getObject(1, UUID.class);
                dispatcherAudit(connection, centre, "create", "incidents", id, null, row.getString(3));
                return new Versioned(id, row.getInt(2));
            }
        });
    }

    @Override
    public int moveIncident(Centre centre, UUID incident, int version, IncidentStatus to) throws Exception {
        String stamp = switch (to) {
            case DISPATCHED -> ", dispatched_at = now()";
            case ON_SCENE -> ", on_scene_at = now()";
            case RESOLVED -> ", resolved_at = now()";
            case CLOSED, CANCELLED -> ", closed_at = now()";
            default -> "";
        };
        return inTransaction(centre.org(), connection -> {
            String[] before = stateAndStatus(connection, "incidents", centre.org(), incident, version, false);
            requireIncidentMove(incident, before[1], to);
            try (ResultSet row = query(connection, "UPDATE fleet.incidents r SET status = ?::fleet.incident_status" + stamp
                    + ", version = version + 1 WHERE r.id = ? AND r.org_id = ? AND r.deleted_at IS NULL AND r.version = ?"
                    + " RETURNING r.version, to_jsonb(r)", to.getLiteral(), incident, centre.org(), version)) {
                if (!row.next()) {
                    throw new IllegalStateException("incident " + incident + " changed concurrently");
                }
                dispatcherAudit(connection, centre, "status:" + to.getLiteral(), "incidents", incident, before[0], row.getString(2));
                return row.getInt(1);
            }
        });
    }

    private static void requireIncidentMove(UUID id, String from, IncidentStatus to) {
        boolean allowed = switch (from) {
            case "new" -> to == IncidentStatus.DISPATCHED || to == IncidentStatus.CANCELLED;
            case "dispatched" -> to == IncidentStatus.ON_SCENE || to == IncidentStatus.CANCELLED;
            case "on_scene" -> to == IncidentStatus.RESOLVED;
            case "resolved" -> to == IncidentStatus.CLOSED || to == IncidentStatus.ON_SCENE;
            default -> false;
        };
        if (!allowed) {
            throw new IllegalStateException("incident " + id + " cannot move from " + from + " to " + to.getLiteral());
        }
    }

    @Override
    public NewTaskRef createTask(Centre centre, UUID incident, String title, OffsetDateTime dueAt) throws Exception {
        return inTransaction(centre.org(), connection -> {
            try (ResultSet status = query(connection, "SELECT status::text FROM fleet.incidents WHERE id = ? AND org_id = ? AND deleted_at IS NULL",
                    incident, centre.org())) {
                if (!status.next() || status.getString(1).equals("closed") || status.getString(1).equals("cancelled")) {
                    throw new IllegalStateException("incident " + incident + " takes no tasks");
                }
            }
            UUID task;
            int version;
            try (ResultSet row = query(connection, "INSERT INTO fleet.tasks AS r (org_id, incident_id, title, priority, due_at, status)"
                    + " VALUES (?, ?, ?, 2, ?, 'pending') RETURNING r.id, r.version, to_jsonb(r)", centre.org(), incident, title, dueAt)) {
                row.next();
                task = row.getObject(1, UUID.class);
                version = row.getInt(2);
                dispatcherAudit(connection, centre, "create", "tasks", task, null, row.getString(3));
            }
            List<UUID> items = new ArrayList<>();
            for (String label : List.of("Confirm address with caller", "Unit acknowledged")) {
                query(connection, "SELECT id FROM fleet.tasks WHERE id = ? AND org_id = ? AND deleted_at IS NULL FOR UPDATE", task, centre.org())
                        .close();
                int position;
                try (ResultSet last = query(connection, "SELECT max(position) FROM fleet.task_checklists WHERE task_id = ? AND org_id = ?",
                        task, centre.org())) {
                    last.next();
                    position = last.getObject(1) == null ? 0 : last.getInt(1) + 1;
                }
                try (ResultSet row = query(connection, "INSERT INTO fleet.task_checklists AS r (org_id, task_id, label, position)"
                        + " VALUES (?, ?, ?, ?) RETURNING r.id, to_jsonb(r)", centre.org(), task, label, position)) {
                    row.next();
                    UUID item = row.getObject(1, UUID.class);
                    items.add(item);
                    dispatcherAudit(connection, centre, "create", "task_checklists", item, null, row.getString(2));
                }
            }
            return new NewTaskRef(task, version, items);
        });
    }

    @Override
    public int assignTask(Centre centre, UUID task, int version) throws Exception {
        return inTransaction(centre.org(), connection -> {
            String[] before = stateAndStatus(connection, "tasks", centre.org(), task, version, false);
            try (ResultSet user = query(connection, "SELECT 1 FROM fleet.users WHERE id = ? AND org_id = ? AND deleted_at IS NULL AND is_active",
                    centre.dispatcher(), centre.org())) {
                if (!user.next()) {
                    throw new IllegalStateException("tasks can only be assigned to active users of this organization");
                }
            }
            if (!before[1].equals("pending")) {
                throw new IllegalStateException("task " + task + " is " + before[1]);
            }
            try (ResultSet row = query(connection, "UPDATE fleet.tasks r SET assignee_id = ?, status = 'assigned', version = version + 1"
                    + " WHERE r.id = ? AND r.org_id = ? AND r.deleted_at IS NULL AND r.version = ? RETURNING r.version, to_jsonb(r)",
                    centre.dispatcher(), task, centre.org(), version)) {
                if (!row.next()) {
                    throw new IllegalStateException("task " + task + " changed concurrently");
                }
                dispatcherAudit(connection, centre, "assign", "tasks", task, before[0], row.getString(2));
                return row.getInt(1);
            }
        });
    }

    @Override
    public int moveTask(Centre centre, UUID task, int version, TaskStatus to) throws Exception {
        String stamp = switch (to) {
            case IN_PROGRESS -> ", started_at = coalesce(started_at, now())";
            case COMPLETED -> ", completed_at = now()";
            default -> "";
        };
        return inTransaction(centre.org(), connection -> {
            String[] before = stateAndStatus(connection, "tasks", centre.org(), task, version, false);
            boolean allowed = switch (before[1]) {
                case "assigned" -> to == TaskStatus.IN_PROGRESS || to == TaskStatus.CANCELLED;
                case "in_progress" -> to == TaskStatus.COMPLETED || to == TaskStatus.BLOCKED || to == TaskStatus.CANCELLED;
                default -> false;
            };
            if (!allowed) {
                throw new IllegalStateException("task " + task + " cannot move from " + before[1] + " to " + to.getLiteral());
            }
            try (ResultSet row = query(connection, "UPDATE fleet.tasks r SET status = ?::fleet.task_status" + stamp + ", version = version + 1"
                    + " WHERE r.id = ? AND r.org_id = ? AND r.deleted_at IS NULL AND r.version = ? RETURNING r.version, to_jsonb(r)",
                    to.getLiteral(), task, centre.org(), version)) {
                if (!row.next()) {
                    throw new IllegalStateException("task " + task + " changed concurrently");
                }
                dispatcherAudit(connection, centre, "status:" + to.getLiteral(), "tasks", task, before[0], row.getString(2));
                return row.getInt(1);
            }
        });
    }

    @Override
    public void tick(Centre centre, UUID item) throws Exception {
        inTransaction(centre.org(), connection -> {
            String before;
            try (ResultSet row = query(connection, "SELECT to_jsonb(r), r.is_completed FROM fleet.task_checklists r"
                    + " WHERE r.id = ? AND r.org_id = ? AND r.deleted_at IS NULL FOR UPDATE", item, centre.org())) {
                if (!row.next()) {
                    throw new IllegalStateException("checklist item " + item + " not found");
                }
                if (row.getBoolean(2)) {
                    return null;
                }
                before = row.getString(1);
            }
            try (ResultSet row = query(connection, "UPDATE fleet.task_checklists r SET is_completed = true, completed_at = now(),"
                    + " completed_by = ? WHERE r.id = ? AND r.org_id = ? RETURNING to_jsonb(r)", centre.dispatcher(), item, centre.org())) {
                row.next();
                dispatcherAudit(connection, centre, "complete", "task_checklists", item, before, row.getString(1));
            }
            return null;
        });
    }

    /** Reads every column of every row, as a mapper would, and counts the page's rows. */
    private static int page(ResultSet rows) throws SQLException {
        try (rows) {
            int columns = rows.getMetaData().getColumnCount();
            int count = 0;
            while (rows.next() && count < DalDispatchDesk.PAGE) {
                for (int c = 1; c <= columns; c++) {
                    rows.getObject(c);
                }
                count++;
            }
            return count;
        }
    }

    @Override
    public int openIncidents(Centre centre) throws Exception {
        return inTransaction(centre.org(), connection -> page(query(connection, "SELECT * FROM fleet.incidents WHERE org_id = ?"
                + " AND deleted_at IS NULL AND status IN ('new', 'dispatched', 'on_scene') ORDER BY priority, reported_at, id LIMIT " + LIMIT,
                centre.org())));
    }

    @Override
    public int dispatcherTasks(Centre centre) throws Exception {
        return inTransaction(centre.org(), connection -> page(query(connection, "SELECT * FROM fleet.tasks WHERE org_id = ?"
                + " AND deleted_at IS NULL AND assignee_id = ? AND status IN ('pending', 'assigned', 'in_progress', 'blocked')"
                + " ORDER BY priority, created_at, id LIMIT " + LIMIT, centre.org(), centre.dispatcher())));
    }

    @Override
    public int mentioning(Centre centre, String plate) throws Exception {
        return inTransaction(centre.org(), connection -> page(query(connection, "SELECT t.* FROM fleet.transmission_mentions m"
                + " JOIN fleet.transmissions t ON t.org_id = m.org_id AND t.id = m.transmission_id AND t.started_at = m.started_at"
                + " WHERE m.org_id = ? AND m.entity_type = fleet.mention_key(?) AND m.entity_value = fleet.mention_key(?)"
                + " AND t.deleted_at IS NULL ORDER BY m.started_at DESC, m.transmission_id DESC LIMIT " + LIMIT, centre.org(), "PLATE", plate)));
    }

    @Override
    public int transcriptSearch(Centre centre, String words) throws Exception {
        return inTransaction(centre.org(), connection -> page(query(connection, "SELECT * FROM fleet.transcript_search(?, " + LIMIT
                + ", NULL, NULL) WHERE org_id = ? ORDER BY started_at DESC, id DESC", words, centre.org())));
    }

    @Override
    public int channelTraffic(Centre centre, UUID channel, OffsetDateTime from, OffsetDateTime to) throws Exception {
        return inTransaction(centre.org(), connection -> page(query(connection, "SELECT * FROM fleet.transmissions WHERE org_id = ?"
                + " AND deleted_at IS NULL AND channel_id = ? AND started_at >= ? AND started_at < ?"
                + " ORDER BY started_at DESC, id DESC LIMIT " + LIMIT, centre.org(), channel, from, to)));
    }
}
