package dev.publicsafety.dal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.NewUser;
import dev.publicsafety.dal.fleet.organization.Organization;
import dev.publicsafety.dal.fleet.policy.NewPolicy;
import dev.publicsafety.dal.fleet.radio.IngestResult;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.suggestion.NewSuggestion;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.unit.NewAsset;
import dev.publicsafety.dal.fleet.unit.NewCrew;
import dev.publicsafety.dal.fleet.unit.TelematicsReading;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.fleet.webhook.NewWebhook;
import dev.publicsafety.dal.generated.fleet.enums.AssetStatus;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.OperationMode;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.generated.fleet.enums.TransmissionStatus;
import dev.publicsafety.dal.geo.Location;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.Tenant;
import dev.publicsafety.dal.testing.TestDatabase;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every public write method of every fleet repository, called once as the application role: each
 * call leaves exactly one new audit row per row it changed, naming that row, and no other audit
 * row; a bulk ingest leaves one row for its batch. The list of calls is checked against the
 * repositories by reflection, so a new public method fails this test until it is classified as a
 * read or driven here as a write.
 */
@IsolatedDatabase
class EveryWriteAuditedTest {

    private static final Actor ACTOR = Actor.service("audit-coverage");
    private static final int BATCH = 50;

    /** Public repository methods that only read. */
    private static final Set<String> READS = Set.of(
            "OrganizationRepository.get()", "OrganizationRepository.find()", "OrganizationRepository.isEnabled(String)",
            "UserRepository.findById(UUID)", "UserRepository.get(UUID)", "UserRepository.findByOidcSubject(String)",
            "UserRepository.withRole(String,PageRequest)",
            "RadioChannelRepository.findById(UUID)", "RadioChannelRepository.get(UUID)", "RadioChannelRepository.findByName(String)",
            "RadioChannelRepository.bySourceType(ChannelSourceType,PageRequest)",
            "TransmissionRepository.findById(UUID)", "TransmissionRepository.get(UUID)",
            "TransmissionRepository.channelTraffic(UUID,OffsetDateTime,OffsetDateTime,PageRequest)",
            "TransmissionRepository.mentioning(String,String,PageRequest)", "TransmissionRepository.forIncident(UUID,PageRequest)",
            "IncidentRepository.findById(UUID)", "IncidentRepository.get(UUID)", "IncidentRepository.findByNumber(String)",
            "IncidentRepository.openByPriority(PageRequest)", "IncidentRepository.withStatus(IncidentStatus,PageRequest)",
            "IncidentRepository.taggedWith(String,PageRequest)", "IncidentRepository.countByStatus()",
            "TaskRepository.findById(UUID)", "TaskRepository.get(UUID)", "TaskRepository.forIncident(UUID,PageRequest)",
            "TaskRepository.openFor(UUID,PageRequest)", "TaskRepository.breached(OffsetDateTime,PageRequest)",
            "TaskRepository.breached(PageRequest)", "TaskRepository.workload(UUID)",
            "ChecklistRepository.items(UUID)", "ChecklistRepository.get(UUID)", "ChecklistRepository.progress(UUID)",
            "CrewRepository.findById(UUID)", "CrewRepository.get(UUID)", "CrewRepository.members(UUID)",
            "CrewRepository.withStatus(CrewStatus,PageRequest)", "CrewRepository.atIncident(UUID)",
            "AssetRepository.findById(UUID)", "AssetRepository.get(UUID)", "AssetRepository.findByCallSign(String)",
            "AssetRepository.available(AssetType,PageRequest)", "AssetRepository.withStatus(AssetStatus,PageRequest)",
            "WebhookRepository.findById(UUID)", "WebhookRepository.get(UUID)", "WebhookRepository.subscribedTo(String,PageRequest)",
            "PolicyRepository.findById(UUID)", "PolicyRepository.get(UUID)", "PolicyRepository.findByName(String)",
            "PolicyRepository.byPriority(PageRequest)", "PolicyRepository.enabledInOrder()",
            "AuditLogRepository.forEntity(String,UUID,PageRequest)", "AuditLogRepository.forEntity(Table,UUID,PageRequest)",
            "AuditLogRepository.byActor(UUID,PageRequest)", "AuditLogRepository.byActorName(String,PageRequest)",
            "AuditLogRepository.between(OffsetDateTime,OffsetDateTime,PageRequest)",
            "SuggestionRepository.findById(UUID)", "SuggestionRepository.get(UUID)", "SuggestionRepository.pending(PageRequest)",
            "SuggestionRepository.forIncident(UUID,PageRequest)",
            "AssetRepository.nearestAvailable(double,double,double,int)", "TransmissionRepository.searchTranscripts(String,PageRequest)");

    private static TestDatabase database;
    private static ApplicationRole app;
    private static FleetDatabase fleet;
    private static UUID org;
    private static Tenant acting;
    private static UUID otherOrg;
    private static UUID userA;
    private static UUID userB;
    private static UUID channel;
    private static UUID linkable;
    private static UUID incident;
    private static UUID dispatched;
    private static UUID cancellable;
    private static UUID task;
    private static UUID taskToUnassign;
    private static UUID crew;
    /** Rows the write calls create, by name, for the calls that follow. */
    private static final Map<String, UUID> made = new HashMap<>();

    @BeforeAll
    static void setUp(TestDatabase db) {
        database = db;
        app = ApplicationRole.create(db, 2);
        fleet = new FleetDatabase(app.dataSource());
        Organization created = fleet.createOrganization(ACTOR, NewOrganization.of("Audited agency", "audited-agency"));
        org = created.id();
        acting = new Tenant(created, app, fleet, ACTOR);
        acting.inTransaction(t -> {
            userA = t.users().create(NewUser.of("user-a", "a@example.org", "User A", "dispatcher")).id();
            userB = t.users().create(NewUser.of("user-b", "b@example.org", "User B", "responder")).id();
            channel = t.channels().create(sip("Fixture channel")).id();
            linkable = t.transmissions().record(NewTransmission.of(channel, OffsetDateTime.now(), null)).id();
            incident = t.incidents().open(NewIncident.of("FIX-1", "Fixture incident", "fire", 2)).id();
            var toDispatch = t.incidents().open(NewIncident.of("FIX-2", "Dispatched incident", "fire", 2));
            dispatched = t.incidents().dispatch(toDispatch.id(), toDispatch.version()).id();
            cancellable = t.incidents().open(NewIncident.of("FIX-3", "To cancel", "fire", 4)).id();
            task = t.tasks().create(incident, NewTask.of("Fixture task", 2, null)).id();
            t.checklists().add(task, "first");
            t.checklists().add(task, "second");
            var unassign = t.tasks().create(incident, NewTask.of("To unassign", 3, null));
            taskToUnassign = t.tasks().assign(unassign.id(), unassign.version(), userA).id();
            crew = t.crews().create(NewCrew.of("Fixture crew", userA)).id();
            return null;
        });
    }

    @AfterAll
    static void tearDown() throws Exception {
        app.close();
    }


    private static NewRadioChannel sip(String name) {
        return new NewRadioChannel(name, ChannelSourceType.SIP, Map.of("uri", "sip:" + name.toLowerCase().replace(' ', '-') + "@pbx.example.org"));
    }

    /** What a write is expected to leave: {@code rows} changed rows with one audit row each, or one audit row for a batch of rows, or a refusal. */
    private record Expect(int rows, boolean batch, Class<? extends Throwable> refusal) {
        static Expect rows(int n) {
            return new Expect(n, false, null);
        }

        static Expect batch(int n) {
            return new Expect(n, true, null);
        }

        static Expect refused(Class<? extends Throwable> type) {
            return new Expect(0, false, type);
        }
    }

    private interface Call {
        Object run() throws Exception;
    }

    private record Step(String method, Expect expect, Call call) {
    }

    private static Step write(String method, Call call) {
        return new Step(method, Expect.rows(1), call);
    }

    /** softDelete, restore and purge of a row the calls before made; the purge needs it soft-deleted again first. */
    private static List<Step> lifecycle(String repository, String name, Function<FleetTransaction, TenantRepository<?>> of) {
        return List.of(
                write(repository + ".softDelete(UUID)", () -> acting.inTransaction(t -> { of.apply(t).softDelete(made.get(name)); return null; })),
                write(repository + ".restore(UUID)", () -> acting.inTransaction(t -> { of.apply(t).restore(made.get(name)); return null; })),
                write(repository + ".purge(UUID)", () -> {
                    acting.inTransaction(t -> { of.apply(t).softDelete(made.get(name)); return null; });
                    return new Unmeasured(() -> acting.inTransaction(t -> { of.apply(t).purge(made.get(name)); return null; }));
                }));
    }

    /** A call whose first part prepares (not measured) and whose {@code then} is the measured write. */
    private record Unmeasured(Call then) {
    }

    private static UUID keep(String name, UUID id) {
        made.put(name, id);
        return id;
    }

    private static int incidentVersion(FleetTransaction t, UUID id) {
        return t.incidents().get(id).version();
    }

    private static int taskVersion(FleetTransaction t, UUID id) {
        return t.tasks().get(id).version();
    }

    private static int assetVersion(FleetTransaction t, UUID id) {
        return t.assets().get(id).version();
    }

    /** Every public write, in an order that gives each call the state it needs. */
    private static List<Step> writes() {
        List<Step> steps = new ArrayList<>();
        steps.add(write("FleetDatabase.createOrganization(Actor,NewOrganization)",
                () -> otherOrg = fleet.createOrganization(ACTOR, NewOrganization.of("Second agency", "second-agency")).id()));
        steps.add(write("OrganizationRepository.setOperationMode(OperationMode)", () -> acting.inTransaction(t -> t.organization().setOperationMode(OperationMode.AUTONOMOUS_ASSIST))));
        steps.add(write("OrganizationRepository.setFeatureFlag(String,boolean)", () -> acting.inTransaction(t -> t.organization().setFeatureFlag("beta", true))));
        steps.add(write("OrganizationRepository.rename(String)", () -> acting.inTransaction(t -> t.organization().rename("Audited agency (renamed)"))));
        steps.add(write("OrganizationRepository.softDelete(UUID)", () -> fleet.inTransaction(otherOrg, ACTOR, t -> { t.organization().softDelete(otherOrg); return null; })));
        steps.add(write("OrganizationRepository.restore(UUID)", () -> fleet.inTransaction(otherOrg, ACTOR, t -> { t.organization().restore(otherOrg); return null; })));
        // What dal import fleet does: the transaction's own organization, created inside it.
        steps.add(write("OrganizationRepository.createThisOrganization(NewOrganization)", () -> fleet.inTransaction(
                FleetDatabase.organizationId("third-agency"), ACTOR, t -> t.organization().createThisOrganization(
                        NewOrganization.of("Third agency", "third-agency")).id())));
        // An organization is referenced by its own audit rows (which nothing may delete), so purging one is always refused.
        steps.add(new Step("OrganizationRepository.purge(UUID)", Expect.refused(DomainRuleException.class), () -> {
            fleet.execute(otherOrg, ACTOR, t -> t.organization().softDelete(otherOrg));
            return new Unmeasured(() -> fleet.inTransaction(otherOrg, ACTOR, t -> { t.organization().purge(otherOrg); return null; }));
        }));

        steps.add(write("UserRepository.create(NewUser)", () -> keep("user", acting.inTransaction(t -> t.users().create(NewUser.of("new-user", "n@example.org", "New user", "dispatcher")).id()))));
        steps.add(write("UserRepository.createWithId(UUID,NewUser)", () -> acting.inTransaction(t -> t.users().createWithId(UUID.randomUUID(),
                NewUser.of("user-with-id", "id@example.org", "User with id", "dispatcher")).id())));
        steps.add(write("UserRepository.setRoles(UUID,Collection)", () -> acting.inTransaction(t -> t.users().setRoles(made.get("user"), List.of("supervisor")))));
        steps.add(write("UserRepository.recordLogin(UUID)", () -> acting.inTransaction(t -> t.users().recordLogin(made.get("user")))));
        steps.add(write("UserRepository.deactivate(UUID)", () -> acting.inTransaction(t -> t.users().deactivate(made.get("user")))));
        steps.add(write("UserRepository.activate(UUID)", () -> acting.inTransaction(t -> t.users().activate(made.get("user")))));
        steps.addAll(lifecycle("UserRepository", "user", FleetTransaction::users));

        steps.add(write("RadioChannelRepository.create(NewRadioChannel)", () -> keep("channel", acting.inTransaction(t -> t.channels().create(sip("New channel")).id()))));
        steps.add(write("RadioChannelRepository.createWithId(UUID,NewRadioChannel)", () -> acting.inTransaction(t -> t.channels().createWithId(
                UUID.randomUUID(), sip("Channel with id")).id())));
        steps.add(write("RadioChannelRepository.updateConfig(UUID,Map)", () -> acting.inTransaction(t -> t.channels().updateConfig(made.get("channel"),
                Map.of("uri", "sips:new@pbx.example.org", "codec", "opus")))));
        steps.add(write("RadioChannelRepository.setTalkgroup(UUID,String)", () -> acting.inTransaction(t -> t.channels().setTalkgroup(made.get("channel"), "FIRE-DISP-1"))));
        steps.add(write("RadioChannelRepository.deactivate(UUID)", () -> acting.inTransaction(t -> t.channels().deactivate(made.get("channel")))));
        steps.add(write("RadioChannelRepository.activate(UUID)", () -> acting.inTransaction(t -> t.channels().activate(made.get("channel")))));
        steps.addAll(lifecycle("RadioChannelRepository", "channel", FleetTransaction::channels));

        steps.add(write("TransmissionRepository.record(NewTransmission)",
                () -> keep("transmission", acting.inTransaction(t -> t.transmissions().record(NewTransmission.of(channel, OffsetDateTime.now(), null)).id()))));
        steps.add(write("TransmissionRepository.recordWithId(UUID,NewTransmission)", () -> acting.inTransaction(t -> t.transmissions().recordWithId(
                UUID.randomUUID(), NewTransmission.of(channel, OffsetDateTime.now(), null)).id())));
        steps.add(write("TransmissionRepository.transcribe(UUID,String,double,String,List)", () -> acting.inTransaction(t -> t.transmissions().transcribe(
                made.get("transmission"), "Engine 7 on scene", 0.93, "en", List.of(TransmissionEntity.of("UNIT", "Engine 7"))))));
        steps.add(write("TransmissionRepository.setStatus(UUID,TransmissionStatus)", () -> acting.inTransaction(t -> t.transmissions().setStatus(made.get("transmission"), TransmissionStatus.REVIEWED))));
        steps.add(write("TransmissionRepository.setPriority(UUID,int)", () -> acting.inTransaction(t -> t.transmissions().setPriority(made.get("transmission"), 1))));
        steps.add(write("TransmissionRepository.tag(UUID,String[])", () -> acting.inTransaction(t -> t.transmissions().tag(made.get("transmission"), "fire", "mayday"))));
        steps.add(new Step("TransmissionRepository.bulkIngest(List)", Expect.batch(BATCH),
                () -> acting.inTransaction(t -> t.transmissions().bulkIngest(batchFrom(channel, OffsetDateTime.parse("2025-05-01T08:00:00Z"))))));
        steps.add(new Step("TransmissionRepository.bulkIngest(UUID,List)", Expect.batch(BATCH),
                () -> acting.inTransaction(t -> t.transmissions().bulkIngest(UUID.randomUUID(), batchFrom(channel, OffsetDateTime.parse("2025-05-02T08:00:00Z"))))));
        steps.addAll(lifecycle("TransmissionRepository", "transmission", FleetTransaction::transmissions));

        steps.add(write("IncidentRepository.open(NewIncident)", () -> keep("incident", acting.inTransaction(t -> t.incidents().open(NewIncident.of("NEW-1", "New incident", "ems", 3)).id()))));
        steps.add(write("IncidentRepository.openWithId(UUID,NewIncident)", () -> acting.inTransaction(t -> t.incidents().openWithId(UUID.randomUUID(),
                NewIncident.of("NEW-ID-1", "Incident with id", "ems", 3)).id())));
        steps.add(write("IncidentRepository.setPriority(UUID,int,int)", () -> acting.inTransaction(t -> t.incidents().setPriority(made.get("incident"), incidentVersion(t, made.get("incident")), 1))));
        steps.add(write("IncidentRepository.acknowledge(UUID,int)",
                () -> fleet.inTransaction(org, Actor.user(userA, "user-a"), t -> t.incidents().acknowledge(made.get("incident"), incidentVersion(t, made.get("incident"))))));
        steps.add(write("IncidentRepository.assign(UUID,int,UUID)", () -> acting.inTransaction(t -> t.incidents().assign(made.get("incident"), incidentVersion(t, made.get("incident")), userB))));
        steps.add(write("IncidentRepository.setLocation(UUID,int,Location)", () -> acting.inTransaction(t -> t.incidents().setLocation(made.get("incident"),
                incidentVersion(t, made.get("incident")), Location.ofAddress("1 Main St", "Harbor City")))));
        steps.add(write("IncidentRepository.describe(UUID,int,String,String)", () -> acting.inTransaction(t -> t.incidents().describe(made.get("incident"),
                incidentVersion(t, made.get("incident")), "Cardiac arrest", "caller performing CPR"))));
        steps.add(write("IncidentRepository.tag(UUID,int,String[])", () -> acting.inTransaction(t -> t.incidents().tag(made.get("incident"), incidentVersion(t, made.get("incident")), "cpr", "als"))));
        steps.add(write("IncidentRepository.untag(UUID,int,String[])", () -> acting.inTransaction(t -> t.incidents().untag(made.get("incident"), incidentVersion(t, made.get("incident")), "als"))));
        steps.add(write("IncidentRepository.dispatch(UUID,int)", () -> acting.inTransaction(t -> t.incidents().dispatch(made.get("incident"), incidentVersion(t, made.get("incident"))))));
        steps.add(write("IncidentRepository.arriveOnScene(UUID,int)", () -> acting.inTransaction(t -> t.incidents().arriveOnScene(made.get("incident"), incidentVersion(t, made.get("incident"))))));
        steps.add(write("IncidentRepository.resolve(UUID,int)", () -> acting.inTransaction(t -> t.incidents().resolve(made.get("incident"), incidentVersion(t, made.get("incident"))))));
        steps.add(write("IncidentRepository.reopen(UUID,int)", () -> acting.inTransaction(t -> t.incidents().reopen(made.get("incident"), incidentVersion(t, made.get("incident"))))));
        steps.add(write("IncidentRepository.transition(UUID,int,IncidentStatus)", () -> acting.inTransaction(t -> t.incidents().transition(made.get("incident"),
                incidentVersion(t, made.get("incident")), IncidentStatus.RESOLVED))));
        steps.add(write("IncidentRepository.close(UUID,int)", () -> acting.inTransaction(t -> t.incidents().close(made.get("incident"), incidentVersion(t, made.get("incident"))))));
        steps.add(write("IncidentRepository.cancel(UUID,int)", () -> acting.inTransaction(t -> t.incidents().cancel(cancellable, incidentVersion(t, cancellable)))));
        steps.add(write("TransmissionRepository.linkToIncident(UUID,UUID)", () -> acting.inTransaction(t -> t.transmissions().linkToIncident(linkable, incident))));
        steps.addAll(lifecycle("IncidentRepository", "incident", FleetTransaction::incidents));

        steps.add(write("TaskRepository.create(UUID,NewTask)", () -> keep("task", acting.inTransaction(t -> t.tasks().create(incident, NewTask.of("New task", 2, null)).id()))));
        steps.add(write("TaskRepository.createWithId(UUID,UUID,NewTask)", () -> acting.inTransaction(t -> t.tasks().createWithId(UUID.randomUUID(),
                incident, NewTask.of("Task with id", 2, null)).id())));
        steps.add(write("TaskRepository.assign(UUID,int,UUID)", () -> acting.inTransaction(t -> t.tasks().assign(made.get("task"), taskVersion(t, made.get("task")), userA))));
        steps.add(write("TaskRepository.pauseSla(UUID,int)", () -> acting.inTransaction(t -> t.tasks().pauseSla(made.get("task"), taskVersion(t, made.get("task"))))));
        steps.add(write("TaskRepository.resumeSla(UUID,int)", () -> acting.inTransaction(t -> t.tasks().resumeSla(made.get("task"), taskVersion(t, made.get("task"))))));
        steps.add(write("TaskRepository.start(UUID,int)", () -> acting.inTransaction(t -> t.tasks().start(made.get("task"), taskVersion(t, made.get("task"))))));
        steps.add(write("TaskRepository.block(UUID,int)", () -> acting.inTransaction(t -> t.tasks().block(made.get("task"), taskVersion(t, made.get("task"))))));
        steps.add(write("TaskRepository.transition(UUID,int,TaskStatus)", () -> acting.inTransaction(t -> t.tasks().transition(made.get("task"),
                taskVersion(t, made.get("task")), TaskStatus.IN_PROGRESS))));
        steps.add(write("TaskRepository.complete(UUID,int)", () -> acting.inTransaction(t -> t.tasks().complete(made.get("task"), taskVersion(t, made.get("task"))))));
        steps.add(write("TaskRepository.unassign(UUID,int)", () -> acting.inTransaction(t -> t.tasks().unassign(taskToUnassign, taskVersion(t, taskToUnassign)))));
        steps.add(write("TaskRepository.cancel(UUID,int)", () -> acting.inTransaction(t -> t.tasks().cancel(taskToUnassign, taskVersion(t, taskToUnassign)))));
        steps.add(write("TaskRepository.reschedule(UUID,int,OffsetDateTime)", () -> acting.inTransaction(t -> t.tasks().reschedule(task, taskVersion(t, task),
                OffsetDateTime.parse("2030-01-01T00:00:00Z")))));
        steps.add(write("TaskRepository.setPriority(UUID,int,int)", () -> acting.inTransaction(t -> t.tasks().setPriority(task, taskVersion(t, task), 1))));
        steps.addAll(lifecycle("TaskRepository", "task", FleetTransaction::tasks));

        steps.add(write("ChecklistRepository.add(UUID,String)", () -> keep("item", acting.inTransaction(t -> t.checklists().add(task, "third").id()))));
        steps.add(write("ChecklistRepository.complete(UUID)", () -> acting.inTransaction(t -> t.checklists().complete(made.get("item")))));
        steps.add(write("ChecklistRepository.reopen(UUID)", () -> acting.inTransaction(t -> t.checklists().reopen(made.get("item")))));
        steps.add(write("ChecklistRepository.relabel(UUID,String)", () -> acting.inTransaction(t -> t.checklists().relabel(made.get("item"), "third, relabelled"))));
        // Reversing three items moves the first and the last: two rows change, each with its audit row.
        steps.add(new Step("ChecklistRepository.reorder(UUID,List)", Expect.rows(2), () -> acting.inTransaction(t -> {
            List<UUID> ids = new ArrayList<>(t.checklists().items(task).stream().map(i -> i.id()).toList());
            java.util.Collections.reverse(ids);
            return t.checklists().reorder(task, ids);
        })));
        steps.addAll(lifecycle("ChecklistRepository", "item", FleetTransaction::checklists));

        steps.add(write("CrewRepository.create(NewCrew)", () -> keep("crew", acting.inTransaction(t -> t.crews().create(NewCrew.of("New crew", userA)).id()))));
        steps.add(write("CrewRepository.createWithId(UUID,NewCrew)", () -> acting.inTransaction(t -> t.crews().createWithId(UUID.randomUUID(),
                NewCrew.of("Crew with id", userB)).id())));
        steps.add(write("CrewRepository.addMember(UUID,UUID)", () -> acting.inTransaction(t -> t.crews().addMember(made.get("crew"), userB))));
        steps.add(write("CrewRepository.removeMember(UUID,UUID)", () -> acting.inTransaction(t -> t.crews().removeMember(made.get("crew"), userB))));
        steps.add(write("CrewRepository.setShift(UUID,OffsetDateTime,OffsetDateTime)", () -> acting.inTransaction(t -> t.crews().setShift(made.get("crew"),
                OffsetDateTime.parse("2025-05-01T07:00:00Z"), OffsetDateTime.parse("2025-05-01T19:00:00Z")))));
        // To an incident already dispatched: only the crew changes (a new incident would be dispatched too, with its own audit row).
        steps.add(write("CrewRepository.dispatch(UUID,UUID)", () -> acting.inTransaction(t -> t.crews().dispatch(made.get("crew"), dispatched))));
        steps.add(write("CrewRepository.arriveOnScene(UUID)", () -> acting.inTransaction(t -> t.crews().arriveOnScene(made.get("crew")))));
        steps.add(write("CrewRepository.release(UUID)", () -> acting.inTransaction(t -> t.crews().release(made.get("crew")))));
        steps.add(write("CrewRepository.goOffDuty(UUID)", () -> acting.inTransaction(t -> t.crews().goOffDuty(made.get("crew")))));
        steps.add(write("CrewRepository.goOnDuty(UUID)", () -> acting.inTransaction(t -> t.crews().goOnDuty(made.get("crew")))));
        steps.addAll(lifecycle("CrewRepository", "crew", FleetTransaction::crews));

        steps.add(write("AssetRepository.register(NewAsset)", () -> keep("asset", acting.inTransaction(t -> t.assets().register(NewAsset.of("Engine 7", AssetType.VEHICLE, "E7")).id()))));
        steps.add(write("AssetRepository.registerWithId(UUID,NewAsset)", () -> acting.inTransaction(t -> t.assets().registerWithId(UUID.randomUUID(),
                NewAsset.of("Engine 9", AssetType.VEHICLE, "E9")).id())));
        steps.add(write("AssetRepository.reportTelematics(UUID,TelematicsReading)", () -> acting.inTransaction(t -> t.assets().reportTelematics(made.get("asset"),
                new TelematicsReading(OffsetDateTime.now(), Location.ofCoordinates(37.8, -122.4), Map.of("speed_kmh", 42))))));
        steps.add(write("AssetRepository.setVinOrSerial(UUID,int,String)", () -> acting.inTransaction(t -> t.assets().setVinOrSerial(made.get("asset"),
                assetVersion(t, made.get("asset")), "1FDUF5HT7HEC12345"))));
        steps.add(write("AssetRepository.setStatus(UUID,int,AssetStatus)", () -> acting.inTransaction(t -> t.assets().setStatus(made.get("asset"),
                assetVersion(t, made.get("asset")), AssetStatus.AVAILABLE))));
        steps.add(write("AssetRepository.assignToCrew(UUID,int,UUID)", () -> acting.inTransaction(t -> t.assets().assignToCrew(made.get("asset"), assetVersion(t, made.get("asset")), crew))));
        steps.add(write("AssetRepository.releaseFromCrew(UUID,int)", () -> acting.inTransaction(t -> t.assets().releaseFromCrew(made.get("asset"), assetVersion(t, made.get("asset"))))));
        steps.addAll(lifecycle("AssetRepository", "asset", FleetTransaction::assets));

        steps.add(write("WebhookRepository.subscribe(NewWebhook)", () -> keep("webhook", acting.inTransaction(t -> t.webhooks().subscribe(
                NewWebhook.of("https://hooks.example.org/in", "s3cret", "incident.created")).id()))));
        steps.add(write("WebhookRepository.subscribeWithId(UUID,NewWebhook)", () -> acting.inTransaction(t -> t.webhooks().subscribeWithId(UUID.randomUUID(),
                NewWebhook.of("https://hooks.example.org/with-id", "s3cret", "incident.created")).id())));
        steps.add(write("WebhookRepository.configureDelivery(UUID,int,int)", () -> acting.inTransaction(t -> t.webhooks().configureDelivery(made.get("webhook"), 5, 2000))));
        steps.add(write("WebhookRepository.recordFailure(UUID,String)", () -> acting.inTransaction(t -> t.webhooks().recordFailure(made.get("webhook"), "HTTP 503"))));
        steps.add(write("WebhookRepository.recordSuccess(UUID)", () -> acting.inTransaction(t -> t.webhooks().recordSuccess(made.get("webhook")))));
        steps.add(write("WebhookRepository.deactivate(UUID)", () -> acting.inTransaction(t -> t.webhooks().deactivate(made.get("webhook")))));
        steps.add(write("WebhookRepository.reactivate(UUID)", () -> acting.inTransaction(t -> t.webhooks().reactivate(made.get("webhook")))));
        steps.add(write("WebhookRepository.setEvents(UUID,List)", () -> acting.inTransaction(t -> t.webhooks().setEvents(made.get("webhook"), List.of("incident.closed")))));
        steps.addAll(lifecycle("WebhookRepository", "webhook", FleetTransaction::webhooks));

        String rules = "rules:\n  - name: escalate\n    when: { incident_type: fire }\n    then:\n      - set_priority: 1\n";
        steps.add(write("PolicyRepository.create(NewPolicy)", () -> keep("policy", acting.inTransaction(t -> t.policies().create(NewPolicy.of("Escalate fires", rules, 10)).id()))));
        steps.add(write("PolicyRepository.createWithId(UUID,NewPolicy)", () -> acting.inTransaction(t -> t.policies().createWithId(UUID.randomUUID(),
                NewPolicy.of("Escalate fires with id", rules, 11)).id())));
        steps.add(write("PolicyRepository.updateRules(UUID,String)", () -> acting.inTransaction(t -> t.policies().updateRules(made.get("policy"), rules.replace("1", "2")))));
        steps.add(write("PolicyRepository.setPriority(UUID,int)", () -> acting.inTransaction(t -> t.policies().setPriority(made.get("policy"), 5))));
        steps.add(write("PolicyRepository.disable(UUID)", () -> acting.inTransaction(t -> t.policies().disable(made.get("policy")))));
        steps.add(write("PolicyRepository.enable(UUID)", () -> acting.inTransaction(t -> t.policies().enable(made.get("policy")))));
        steps.addAll(lifecycle("PolicyRepository", "policy", FleetTransaction::policies));

        // The organization is in autonomous_assist (set above): a proposal is executed at once, two rows change.
        Actor approver = Actor.user(userA, "user-a");
        steps.add(new Step("SuggestionRepository.propose(NewSuggestion)", Expect.rows(2), () -> keep("suggestion",
                acting.inTransaction(t -> t.suggestions().propose(NewSuggestion.setPriority("triage-ai", dispatched, 2)).id()))));
        steps.add(new Step("SuggestionRepository.revert(UUID)", Expect.rows(2), () -> acting.inTransaction(t -> t.suggestions().revert(made.get("suggestion")))));
        steps.add(new Step("SuggestionRepository.approve(UUID,String)", Expect.rows(2), () -> {
            acting.inTransaction(t -> t.organization().setOperationMode(OperationMode.HITL));
            UUID pending = acting.inTransaction(t -> t.suggestions().propose(NewSuggestion.setPriority("triage-ai", dispatched, 4)).id());
            return new Unmeasured(() -> fleet.inTransaction(org, approver, t -> t.suggestions().approve(pending, "agreed")));
        }));
        steps.add(write("SuggestionRepository.reject(UUID,String)", () -> {
            UUID pending = acting.inTransaction(t -> t.suggestions().propose(NewSuggestion.setPriority("triage-ai", dispatched, 5)).id());
            return new Unmeasured(() -> fleet.inTransaction(org, approver, t -> t.suggestions().reject(pending, "not needed")));
        }));
        steps.add(write("SuggestionRepository.expireOverdue()", () -> {
            acting.inTransaction(t -> t.suggestions().propose(NewSuggestion.setPriority("triage-ai", dispatched, 5).expiringIn(Duration.ofMillis(1))));
            Thread.sleep(5); // past its expiry
            return new Unmeasured(() -> acting.inTransaction(t -> t.suggestions().expireOverdue()));
        }));
        steps.addAll(lifecycle("SuggestionRepository", "suggestion", FleetTransaction::suggestions));
        return steps;
    }

    /** Every public method of FleetDatabase's writes and of every repository a FleetTransaction hands out. */
    static Set<String> publicRepositoryMethods() throws NoSuchMethodException {
        Set<String> methods = new TreeSet<>();
        methods.add(signature(FleetDatabase.class, FleetDatabase.class.getMethod("createOrganization",
                Actor.class, NewOrganization.class)));
        for (Method accessor : FleetTransaction.class.getMethods()) {
            Class<?> repository = accessor.getReturnType();
            if (accessor.getParameterCount() != 0 || !repository.getSimpleName().endsWith("Repository")) {
                continue;
            }
            for (Method method : repository.getMethods()) {
                if (method.getDeclaringClass() != Object.class && !Modifier.isStatic(method.getModifiers()) && !method.isBridge()) {
                    methods.add(signature(repository, method));
                }
            }
        }
        return methods;
    }

    private static String signature(Class<?> owner, Method method) {
        return owner.getSimpleName() + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(",")) + ")";
    }

    @Test
    void shouldKnowEveryPublicRepositoryMethodAsAReadOrADrivenWrite() throws Exception {
        Set<String> driven = new LinkedHashSet<>();
        for (Step step : writes()) {
            assertTrue(driven.add(step.method()), "driven twice: " + step.method());
        }
        Set<String> classified = new TreeSet<>(driven);
        classified.addAll(READS);
        Set<String> actual = publicRepositoryMethods();
        Set<String> unclassified = new TreeSet<>(actual);
        unclassified.removeAll(classified);
        Set<String> gone = new TreeSet<>(classified);
        gone.removeAll(actual);
        assertEquals(Set.of(), unclassified, "public repository methods neither listed as reads nor driven as writes here;"
                + " a write must be added to writes() so that its audit row is proven");
        assertEquals(Set.of(), gone, "listed here but no longer public repository methods");
        assertTrue(READS.stream().noneMatch(driven::contains));
    }

    @Test
    void shouldLeaveOneAuditRowForEveryRowEachWriteChanges() throws Exception {
        int calls = 0;
        int auditRows = 0;
        int rowsChanged = 0;
        for (Step step : writes()) {
            Object prepared = null;
            Map<String, String> rowsBefore = RowChanges.rows(database.dataSource());
            Map<String, String> auditBefore = RowChanges.auditRows(database.dataSource());
            Throwable refusal = null;
            try {
                prepared = step.call().run();
                if (prepared instanceof Unmeasured unmeasured) {
                    rowsBefore = RowChanges.rows(database.dataSource());
                    auditBefore = RowChanges.auditRows(database.dataSource());
                    prepared = unmeasured.then().run();
                }
            } catch (Exception e) {
                refusal = e;
            }
            Set<String> changed = RowChanges.changed(rowsBefore, RowChanges.rows(database.dataSource()));
            Map<String, String> auditAfter = RowChanges.auditRows(database.dataSource());
            List<String> newAudit = new ArrayList<>();
            for (Map.Entry<String, String> entry : auditAfter.entrySet()) {
                if (!auditBefore.containsKey(entry.getKey())) {
                    newAudit.add(entry.getValue());
                }
            }
            newAudit.sort(null);
            assertEquals(auditBefore.size(), auditAfter.size() - newAudit.size(), step.method() + ": an audit row disappeared");
            String what = step.method() + " changed " + changed + " and audited " + newAudit;
            Expect expect = step.expect();
            if (expect.refusal() != null) {
                assertInstanceOf(expect.refusal(), refusal, what);
                assertEquals(Set.of(), changed, what);
                assertEquals(List.of(), newAudit, what);
                continue;
            }
            if (refusal != null) {
                fail(step.method() + " failed", refusal);
            }
            calls++;
            auditRows += newAudit.size();
            rowsChanged += changed.size();
            if (expect.batch()) {
                IngestResult result = (IngestResult) prepared;
                assertEquals(List.of("transmissions/" + result.batchId()), newAudit, what);
                assertEquals(result.ids().stream().map(id -> "transmissions/" + id).collect(Collectors.toCollection(TreeSet::new)), changed, what);
                assertEquals(expect.rows(), changed.size(), what);
            } else {
                assertEquals(expect.rows(), changed.size(), what);
                assertEquals(new ArrayList<>(changed), newAudit, what);
            }
        }
        int writeMethods = publicRepositoryMethods().size() - READS.size();
        System.out.println("every write audited: " + writeMethods + " public write methods; " + calls + " calls wrote "
                + rowsChanged + " rows and " + auditRows + " audit rows (one per row; the bulk ingest of " + BATCH
                + " rows one for its batch); 1 refused (organization purge) with no row and no audit row; 0 unaudited changes");
    }

    private static List<NewTransmission> batchFrom(UUID channel, OffsetDateTime start) {
        List<NewTransmission> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            batch.add(NewTransmission.of(channel, start.plusSeconds(i), start.plusSeconds(i + 5)));
        }
        return batch;
    }
}
