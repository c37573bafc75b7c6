package dev.publicsafety.dal.workload;

import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The transactions of the dispatch-floor workload, one method each, as one dispatch centre sends
 * them. The bench's DispatchFloor runs the same sequence against two implementations (the data layer's
 * public entry points and hand-written JDBC); the chaos run drives {@link DalDispatchDesk} under faults.
 */
public interface DispatchDesk {

    /** One organization's fixed data: its channels, and the dispatcher who acts. */
    record Centre(UUID org, List<UUID> channels, UUID dispatcher, String dispatcherName) {
    }

    /** A row and the version an optimistic update of it must name. */
    record Versioned(UUID id, int version) {
    }

    /** A new task and its checklist items. */
    record NewTaskRef(UUID id, int version, List<UUID> items) {
    }

    /** The recorder's batch: transmissions received, not yet transcribed; returns their ids. */
    List<UUID> ingest(Centre centre, List<NewTransmission> batch) throws Exception;

    void transcribe(Centre centre, UUID transmission, String text, List<TransmissionEntity> entities) throws Exception;

    Versioned openIncident(Centre centre, String number, String title, int priority) throws Exception;

    /** Moves the incident along its workflow; returns its new version. */
    int moveIncident(Centre centre, UUID incident, int version, IncidentStatus to) throws Exception;

    /** A pending task under the incident with two checklist items, in one transaction. */
    NewTaskRef createTask(Centre centre, UUID incident, String title, OffsetDateTime dueAt) throws Exception;

    int assignTask(Centre centre, UUID task, int version) throws Exception;

    int moveTask(Centre centre, UUID task, int version, TaskStatus to) throws Exception;

    void tick(Centre centre, UUID item) throws Exception;

    /** The dispatch screen's lists and searches: each returns the rows of the first page. */
    int openIncidents(Centre centre) throws Exception;

    int dispatcherTasks(Centre centre) throws Exception;

    int mentioning(Centre centre, String plate) throws Exception;

    int transcriptSearch(Centre centre, String words) throws Exception;

    int channelTraffic(Centre centre, UUID channel, OffsetDateTime from, OffsetDateTime to) throws Exception;
}
