package dev.publicsafety.dal.workload;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.task.Task;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The dispatch floor through the public entry points: {@code FleetDatabase.inTransaction} and the repositories, as the README shows them. */
public final class DalDispatchDesk implements DispatchDesk {

    public static final int PAGE = 20;
    /** The recorder service that ingests batches, and the transcriber that transcribes them. */
    public static final Actor RECORDER = Actor.service("floor-recorder");
    public static final Actor TRANSCRIBER = Actor.service("floor-transcriber");

    private final FleetDatabase fleet;

    public DalDispatchDesk(FleetDatabase fleet) {
        this.fleet = fleet;
    }

    private static Actor dispatcher(Centre centre) {
        return Actor.user(centre.dispatcher(), centre.dispatcherName());
    }

    @Override
    public List<UUID> ingest(Centre centre, List<NewTransmission> batch) {
        return fleet.inTransaction(centre.org(), RECORDER, tx -> tx.transmissions().bulkIngest(batch)).ids();
    }

    @Override
    public void transcribe(Centre centre, UUID transmission, String text, List<TransmissionEntity> entities) {
        fleet.execute(centre.org(), TRANSCRIBER, tx -> tx.transmissions().transcribe(transmission, text, 0.9, "en", entities));
    }

    @Override
    public Versioned openIncident(Centre centre, String number, String title, int priority) {
        var incident = fleet.inTransaction(centre.org(), dispatcher(centre),
                tx -> tx.incidents().open(NewIncident.of(number, title, "medical", priority)));
        return new Versioned(incident.id(), incident.version());
    }

    @Override
    public int moveIncident(Centre centre, UUID incident, int version, IncidentStatus to) {
        return fleet.inTransaction(centre.org(), dispatcher(centre), tx -> tx.incidents().transition(incident, version, to)).version();
    }

    @Override
    public NewTaskRef createTask(Centre centre, UUID incident, String title, OffsetDateTime dueAt) {
        return fleet.inTransaction(centre.org(), dispatcher(centre), tx -> {
            Task task = tx.tasks().create(incident, NewTask.of(title, 2, dueAt));
            UUID first = tx.checklists().add(task.id(), "Confirm address with caller").id();
            UUID second = tx.checklists().add(task.id(), "Unit acknowledged").id();
            return new NewTaskRef(task.id(), task.version(), List.of(first, second));
        });
    }

    @Override
    public int assignTask(Centre centre, UUID task, int version) {
        return fleet.inTransaction(centre.org(), dispatcher(centre), tx -> tx.tasks().assign(task, version, centre.dispatcher())).version();
    }

    @Override
    public int moveTask(Centre centre, UUID task, int version, TaskStatus to) {
        return fleet.inTransaction(centre.org(), dispatcher(centre), tx -> tx.tasks().transition(task, version, to)).version();
    }

    @Override
    public void tick(Centre centre, UUID item) {
        fleet.execute(centre.org(), dispatcher(centre), tx -> tx.checklists().complete(item));
    }

    @Override
    public int openIncidents(Centre centre) {
        return fleet.inTransaction(centre.org(), dispatcher(centre), tx -> tx.incidents().openByPriority(PageRequest.first(PAGE))).items().size();
    }

    @Override
    public int dispatcherTasks(Centre centre) {
        return fleet.inTransaction(centre.org(), dispatcher(centre),
                tx -> tx.tasks().openFor(centre.dispatcher(), PageRequest.first(PAGE))).items().size();
    }

    @Override
    public int mentioning(Centre centre, String plate) {
        return fleet.inTransaction(centre.org(), dispatcher(centre),
                tx -> tx.transmissions().mentioning("PLATE", plate, PageRequest.first(PAGE))).items().size();
    }

    @Override
    public int transcriptSearch(Centre centre, String words) {
        return fleet.inTransaction(centre.org(), dispatcher(centre),
                tx -> tx.transmissions().searchTranscripts(words, PageRequest.first(PAGE))).items().size();
    }

    @Override
    public int channelTraffic(Centre centre, UUID channel, OffsetDateTime from, OffsetDateTime to) {
        return fleet.inTransaction(centre.org(), dispatcher(centre),
                tx -> tx.transmissions().channelTraffic(channel, from, to, PageRequest.first(PAGE))).items().size();
    }
}
