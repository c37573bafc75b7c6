package dev.publicsafety.dal.reliability;

import static dev.publicsafety.dal.reliability.Outcome.FOREIGN_KEY;
import static dev.publicsafety.dal.reliability.Outcome.INVALID_ORGANIZATION_SETTING;
import static dev.publicsafety.dal.reliability.Outcome.LEAKED;
import static dev.publicsafety.dal.reliability.Outcome.NOTHING;
import static dev.publicsafety.dal.reliability.Outcome.NOT_FOUND;
import static dev.publicsafety.dal.reliability.Outcome.OWN_ROW_ONLY;
import static dev.publicsafety.dal.reliability.Outcome.ROW_LEVEL_SECURITY;
import static dev.publicsafety.dal.reliability.Outcome.WRITTEN;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.Cursor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.suggestion.NewSuggestion;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.unit.NewCrew;
import dev.publicsafety.dal.fleet.unit.TelematicsReading;
import dev.publicsafety.dal.generated.fleet.enums.AssetStatus;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.generated.fleet.enums.CrewStatus;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.generated.fleet.enums.TransmissionStatus;
import dev.publicsafety.dal.geo.Location;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The catalogue of cross-tenant attempts: reads, updates, deletes, soft deletes, purges and status
 * changes of another organization's rows through every repository (as the application role, and
 * again on the owner's connection, where only the repositories' own {@code org_id} filters
 * protect), references from one's own rows to the other's, and raw SQL on the application role's
 * connection with and without {@code dal.org_id}.
 */
final class CrossTenantAttempts {

    private static final List<String> TABLES = List.of("organizations", "users", "radio_channels", "incidents",
            "transmissions", "tasks", "task_checklists", "crews", "assets", "audit_logs", "webhooks", "policies", "suggested_actions");
    private static final List<String> MUTABLE_TABLES = TABLES.stream().filter(t -> !t.equals("audit_logs")).toList();
    private static final List<String> ORG_TABLES = MUTABLE_TABLES.stream().filter(t -> !t.equals("organizations")).toList();
    private static final OffsetDateTime EPOCH = OffsetDateTime.parse("2000-01-01T00:00:00Z");
    private static final OffsetDateTime FAR = OffsetDateTime.parse("2100-01-01T00:00:00Z");
    private static final Set<Outcome> READ = Set.of(NOTHING);
    private static final Set<Outcome> GET = Set.of(NOT_FOUND);
    private static final Set<Outcome> REFERENCE = Set.of(NOT_FOUND, FOREIGN_KEY);

    private final List<CrossTenantAttempt> attempts = new ArrayList<>();
    private final DataSource application;

    private CrossTenantAttempts(DataSource application) {
        this.application = application;
    }

    /** Every attempt, for the application role's pool and the owner's. */
    static List<CrossTenantAttempt> all(DataSource application, DataSource owner) {
        CrossTenantAttempts catalogue = new CrossTenantAttempts(application);
        catalogue.repositoryAttempts(CrossTenantAttempt.Route.REPOSITORY, new FleetDatabase(application));
        catalogue.repositoryAttempts(CrossTenantAttempt.Route.REPOSITORY_AS_OWNER, new FleetDatabase(owner));
        catalogue.sqlAttempts(new FleetDatabase(application));
        catalogue.sqlWithoutOrganizationAttempts();
        return List.copyOf(catalogue.attempts);
    }

    private void add(CrossTenantAttempt.Route route, String kind, Set<Outcome> refusals, CrossTenantAttempt.Body body) {
        attempts.add(new CrossTenantAttempt(kind, route, refusals, body));
    }

    // ------------------------------------------------------------------ repositories

    private interface RepositoryBody {
        Outcome run(FleetTransaction tx, SeededTenant attacker, SeededTenant victim, Random random);
    }

    private void repositoryAttempts(CrossTenantAttempt.Route route, FleetDatabase fleet) {
        class Adder {
            void read(String kind, Set<Outcome> refusals, RepositoryBody body) {
                add(route, kind, refusals, (a, v, r) -> fleet.inTransaction(a.org(), a.actor(), tx -> body.run(tx, a, v, r)));
            }

            /** A write of the victim's row: its return means it went through. */
            void write(String kind, Set<Outcome> refusals, Action body) {
                add(route, kind, refusals, (a, v, r) -> {
                    fleet.execute(a.org(), a.actor(), tx -> body.run(tx, a, v, r));
                    return WRITTEN;
                });
            }

            /** softDelete, restore and purge of the victim's rows of one table. */
            void lifecycle(String table, Function<FleetTransaction, TenantRepository<?>> repository) {
                write(table + ": soft-delete another organization's row", GET, (tx, a, v, r) -> repository.apply(tx).softDelete(v.anyLive(table, r)));
                write(table + ": restore another organization's soft-deleted row", GET, (tx, a, v, r) -> repository.apply(tx).restore(v.anyDeleted(table, r)));
                write(table + ": purge another organization's row", GET, (tx, a, v, r) -> repository.apply(tx).purge(v.anyRow(table, r)));
            }
        }
        Adder it = new Adder();

        // Reads by the other organization's ids and search strings: nothing comes back.
        it.read("users: find by id", READ, (tx, a, v, r) -> only(a, tx.users().findById(v.anyRow("users", r))));
        it.read("users: get by id", GET, (tx, a, v, r) -> only(a, tx.users().get(v.anyRow("users", r))));
        it.read("users: find by OIDC subject", READ, (tx, a, v, r) -> only(a, tx.users().findByOidcSubject(v.subject())));
        it.read("users: with role", READ, (tx, a, v, r) -> only(a, tx.users().withRole(v.role(), PageRequest.first(100))));
        it.read("radio_channels: find by id", READ, (tx, a, v, r) -> only(a, tx.channels().findById(v.anyRow("radio_channels", r))));
        it.read("radio_channels: get by id", GET, (tx, a, v, r) -> only(a, tx.channels().get(v.anyRow("radio_channels", r))));
        it.read("radio_channels: find by name", READ, (tx, a, v, r) -> only(a, tx.channels().findByName(v.channelName())));
        it.read("radio_channels: list by source type", READ, (tx, a, v, r) -> only(a, tx.channels().bySourceType(ChannelSourceType.SIP, PageRequest.first(100))));
        it.read("transmissions: find by id", READ, (tx, a, v, r) -> only(a, tx.transmissions().findById(v.anyRow("transmissions", r))));
        it.read("transmissions: get by id", GET, (tx, a, v, r) -> only(a, tx.transmissions().get(v.anyRow("transmissions", r))));
        it.read("transmissions: mentioning another organization's entity (JSONB containment)", READ,
                (tx, a, v, r) -> only(a, tx.transmissions().mentioning("PLATE", v.plate(), PageRequest.first(100))));
        it.read("transmissions: another organization's channel traffic", READ,
                (tx, a, v, r) -> only(a, tx.transmissions().channelTraffic(v.anyRow("radio_channels", r), EPOCH, FAR, PageRequest.first(100))));
        it.read("transmissions: for another organization's incident", READ,
                (tx, a, v, r) -> only(a, tx.transmissions().forIncident(v.anyRow("incidents", r), PageRequest.first(100))));
        it.read("incidents: find by id", READ, (tx, a, v, r) -> only(a, tx.incidents().findById(v.anyRow("incidents", r))));
        it.read("incidents: get by id", GET, (tx, a, v, r) -> only(a, tx.incidents().get(v.anyRow("incidents", r))));
        it.read("incidents: find by number", READ, (tx, a, v, r) -> only(a, tx.incidents().findByNumber(v.incidentNumber())));
        it.read("incidents: tagged with (array containment)", READ, (tx, a, v, r) -> only(a, tx.incidents().taggedWith(v.tag(), PageRequest.first(100))));
        it.read("incidents: open by priority", READ, (tx, a, v, r) -> only(a, tx.incidents().openByPriority(PageRequest.first(100))));
        it.read("incidents: with status", READ, (tx, a, v, r) -> only(a, tx.incidents().withStatus(
                IncidentStatus.values()[r.nextInt(IncidentStatus.values().length)], PageRequest.first(100))));
        it.read("incidents: count by status", READ, (tx, a, v, r) ->
                tx.incidents().countByStatus().values().stream().mapToInt(Integer::intValue).sum() == a.live().get("incidents").size() ? NOTHING : LEAKED);
        it.read("incidents: next page after another organization's cursor", READ, (tx, a, v, r) -> {
            Cursor foreign = fleet.inTransaction(v.org(), v.actor(), vtx -> vtx.incidents().openByPriority(PageRequest.first(1)).next());
            return only(a, tx.incidents().openByPriority(PageRequest.after(foreign, 100)));
        });
        it.read("tasks: find by id", READ, (tx, a, v, r) -> only(a, tx.tasks().findById(v.anyRow("tasks", r))));
        it.read("tasks: get by id", GET, (tx, a, v, r) -> only(a, tx.tasks().get(v.anyRow("tasks", r))));
        it.read("tasks: for another organization's incident", READ, (tx, a, v, r) -> only(a, tx.tasks().forIncident(v.anyRow("incidents", r), PageRequest.first(100))));
        it.read("tasks: open for another organization's user", READ, (tx, a, v, r) -> only(a, tx.tasks().openFor(v.anyRow("users", r), PageRequest.first(100))));
        it.read("tasks: workload of another organization's user", READ, (tx, a, v, r) ->
                tx.tasks().workload(v.anyRow("users", r)).values().stream().mapToInt(Integer::intValue).sum() == 0 ? NOTHING : LEAKED);
        it.read("tasks: breached", READ, (tx, a, v, r) -> only(a, tx.tasks().breached(FAR, PageRequest.first(100))));
        it.read("task_checklists: items of another organization's task", READ, (tx, a, v, r) -> only(a, tx.checklists().items(v.anyRow("tasks", r))));
        it.read("task_checklists: progress of another organization's task", READ, (tx, a, v, r) ->
                tx.checklists().progress(v.anyRow("tasks", r)).total() == 0 ? NOTHING : LEAKED);
        it.read("task_checklists: get by id", GET, (tx, a, v, r) -> only(a, tx.checklists().get(v.anyRow("task_checklists", r))));
        it.read("crews: find by id", READ, (tx, a, v, r) -> only(a, tx.crews().findById(v.anyRow("crews", r))));
        it.read("crews: get by id", GET, (tx, a, v, r) -> only(a, tx.crews().get(v.anyRow("crews", r))));
        it.read("crews: members of another organization's crew", GET, (tx, a, v, r) -> only(a, tx.crews().members(v.anyRow("crews", r))));
        it.read("crews: at another organization's incident", READ, (tx, a, v, r) -> only(a, tx.crews().atIncident(v.anyRow("incidents", r))));
        it.read("crews: with status", READ, (tx, a, v, r) -> only(a, tx.crews().withStatus(
                CrewStatus.values()[r.nextInt(CrewStatus.values().length)], PageRequest.first(100))));
        it.read("assets: find by id", READ, (tx, a, v, r) -> only(a, tx.assets().findById(v.anyRow("assets", r))));
        it.read("assets: get by id", GET, (tx, a, v, r) -> only(a, tx.assets().get(v.anyRow("assets", r))));
        it.read("assets: find by call sign", READ, (tx, a, v, r) -> only(a, tx.assets().findByCallSign(v.callSign())));
        it.read("assets: available", READ, (tx, a, v, r) -> only(a, tx.assets().available(AssetType.VEHICLE, PageRequest.first(100))));
        it.read("assets: with status", READ, (tx, a, v, r) -> only(a, tx.assets().withStatus(
                AssetStatus.values()[r.nextInt(AssetStatus.values().length)], PageRequest.first(100))));
        it.read("suggested_actions: find by id", READ, (tx, a, v, r) -> only(a, tx.suggestions().findById(v.anyRow("suggested_actions", r))));
        it.read("suggested_actions: get by id", GET, (tx, a, v, r) -> only(a, tx.suggestions().get(v.anyRow("suggested_actions", r))));
        it.read("suggested_actions: pending", READ, (tx, a, v, r) -> only(a, tx.suggestions().pending(PageRequest.first(PageRequest.MAX_SIZE))));
        it.read("suggested_actions: for another organization's incident", READ,
                (tx, a, v, r) -> only(a, tx.suggestions().forIncident(v.incident(), PageRequest.first(100))));
        it.read("assets: nearest available anywhere on earth", READ, (tx, a, v, r) -> only(a, tx.assets().nearestAvailable(0, 0, 20_000_000, 100)));
        it.read("transmissions: search another organization's plate", READ,
                (tx, a, v, r) -> only(a, tx.transmissions().searchTranscripts(v.plate(), PageRequest.first(100))));
        it.read("webhooks: find by id", READ, (tx, a, v, r) -> only(a, tx.webhooks().findById(v.anyRow("webhooks", r))));
        it.read("webhooks: get by id", GET, (tx, a, v, r) -> only(a, tx.webhooks().get(v.anyRow("webhooks", r))));
        it.read("webhooks: subscribed to another organization's event", READ, (tx, a, v, r) -> only(a, tx.webhooks().subscribedTo(v.event(), PageRequest.first(100))));
        it.read("policies: find by id", READ, (tx, a, v, r) -> only(a, tx.policies().findById(v.anyRow("policies", r))));
        it.read("policies: get by id", GET, (tx, a, v, r) -> only(a, tx.policies().get(v.anyRow("policies", r))));
        it.read("policies: find by name", READ, (tx, a, v, r) -> only(a, tx.policies().findByName(v.policyName())));
        it.read("policies: by priority", READ, (tx, a, v, r) -> only(a, tx.policies().byPriority(PageRequest.first(100))));
        it.read("policies: enabled in order", READ, (tx, a, v, r) -> only(a, tx.policies().enabledInOrder()));
        it.read("audit_logs: history of another organization's row", READ, (tx, a, v, r) -> {
            String table = ORG_TABLES.get(r.nextInt(ORG_TABLES.size()));
            return only(a, tx.auditLogs().forEntity(table, v.anyRow(table, r), PageRequest.first(100)));
        });
        it.read("audit_logs: by another organization's user", READ, (tx, a, v, r) -> only(a, tx.auditLogs().byActor(v.actor().userId(), PageRequest.first(100))));
        it.read("audit_logs: by another organization's actor name", READ, (tx, a, v, r) -> only(a, tx.auditLogs().byActorName(v.actor().name(), PageRequest.first(100))));
        it.read("audit_logs: between", READ, (tx, a, v, r) -> only(a, tx.auditLogs().between(EPOCH, FAR, PageRequest.first(PageRequest.MAX_SIZE))));
        it.read("organizations: another organization's feature flag", READ, (tx, a, v, r) -> tx.organization().isEnabled(v.flag()) ? LEAKED : NOTHING);

        // Writes of the other organization's rows: not found.
        it.write("users: set roles", GET, (tx, a, v, r) -> tx.users().setRoles(v.anyLive("users", r), List.of("admin")));
        it.write("users: record login", GET, (tx, a, v, r) -> tx.users().recordLogin(v.anyLive("users", r)));
        it.write("users: deactivate", GET, (tx, a, v, r) -> tx.users().deactivate(v.anyLive("users", r)));
        it.write("users: activate", GET, (tx, a, v, r) -> tx.users().activate(v.anyLive("users", r)));
        it.lifecycle("users", FleetTransaction::users);
        it.write("radio_channels: update config", GET, (tx, a, v, r) -> tx.channels().updateConfig(v.anyLive("radio_channels", r),
                Map.of("uri", "sip:hijacked@evil.example.org")));
        it.write("radio_channels: deactivate", GET, (tx, a, v, r) -> tx.channels().deactivate(v.anyLive("radio_channels", r)));
        it.write("radio_channels: activate", GET, (tx, a, v, r) -> tx.channels().activate(v.anyLive("radio_channels", r)));
        it.write("radio_channels: set talkgroup", GET, (tx, a, v, r) -> tx.channels().setTalkgroup(v.anyLive("radio_channels", r), "HIJACK"));
        it.lifecycle("radio_channels", FleetTransaction::channels);
        it.write("transmissions: transcribe", GET, (tx, a, v, r) -> tx.transmissions().transcribe(v.anyLive("transmissions", r),
                "forged", 1.0, "en", List.of()));
        it.write("transmissions: set status", GET, (tx, a, v, r) -> tx.transmissions().setStatus(v.anyLive("transmissions", r), TransmissionStatus.FAILED));
        it.write("transmissions: set priority", GET, (tx, a, v, r) -> tx.transmissions().setPriority(v.anyLive("transmissions", r), 5));
        it.write("transmissions: tag", GET, (tx, a, v, r) -> tx.transmissions().tag(v.anyLive("transmissions", r), "hijacked"));
        it.lifecycle("transmissions", FleetTransaction::transmissions);
        it.write("incidents: status change", GET, (tx, a, v, r) -> tx.incidents().transition(v.anyLive("incidents", r), version(r),
                IncidentStatus.values()[r.nextInt(IncidentStatus.values().length)]));
        it.write("incidents: set priority", GET, (tx, a, v, r) -> tx.incidents().setPriority(v.anyLive("incidents", r), version(r), 5));
        it.write("incidents: set location", GET, (tx, a, v, r) -> tx.incidents().setLocation(v.anyLive("incidents", r), version(r),
                Location.ofAddress("nowhere", "nowhere")));
        it.write("incidents: describe", GET, (tx, a, v, r) -> tx.incidents().describe(v.anyLive("incidents", r), version(r), "hijacked", null));
        it.write("incidents: tag", GET, (tx, a, v, r) -> tx.incidents().tag(v.anyLive("incidents", r), version(r), "hijacked"));
        it.write("incidents: untag", GET, (tx, a, v, r) -> tx.incidents().untag(v.anyLive("incidents", r), version(r), v.tag()));
        it.write("incidents: acknowledge", GET, (tx, a, v, r) -> tx.incidents().acknowledge(v.anyLive("incidents", r), version(r)));
        it.write("incidents: assign to one's own user", GET, (tx, a, v, r) -> tx.incidents().assign(v.anyLive("incidents", r), version(r), a.user()));
        it.lifecycle("incidents", FleetTransaction::incidents);
        it.write("tasks: assign another organization's task", GET, (tx, a, v, r) -> tx.tasks().assign(v.anyLive("tasks", r), version(r), a.user()));
        it.write("tasks: status change", GET, (tx, a, v, r) -> tx.tasks().transition(v.anyLive("tasks", r), version(r),
                TaskStatus.values()[r.nextInt(TaskStatus.values().length)]));
        it.write("tasks: reschedule", GET, (tx, a, v, r) -> tx.tasks().reschedule(v.anyLive("tasks", r), version(r), null));
        it.write("tasks: set priority", GET, (tx, a, v, r) -> tx.tasks().setPriority(v.anyLive("tasks", r), version(r), 5));
        it.write("tasks: pause SLA", GET, (tx, a, v, r) -> tx.tasks().pauseSla(v.anyLive("tasks", r), version(r)));
        it.write("tasks: resume SLA", GET, (tx, a, v, r) -> tx.tasks().resumeSla(v.anyLive("tasks", r), version(r)));
        it.lifecycle("tasks", FleetTransaction::tasks);
        it.write("task_checklists: complete", GET, (tx, a, v, r) -> tx.checklists().complete(v.anyLive("task_checklists", r)));
        it.write("task_checklists: reopen", GET, (tx, a, v, r) -> tx.checklists().reopen(v.anyLive("task_checklists", r)));
        it.write("task_checklists: relabel", GET, (tx, a, v, r) -> tx.checklists().relabel(v.anyLive("task_checklists", r), "hijacked"));
        it.lifecycle("task_checklists", FleetTransaction::checklists);
        it.write("crews: add one's own user to another organization's crew", GET, (tx, a, v, r) -> tx.crews().addMember(v.anyLive("crews", r), a.user()));
        it.write("crews: remove a member", GET, (tx, a, v, r) -> tx.crews().removeMember(v.anyLive("crews", r), v.user()));
        it.write("crews: dispatch another organization's crew", GET, (tx, a, v, r) -> tx.crews().dispatch(v.anyLive("crews", r), a.incident()));
        it.write("crews: arrive on scene", GET, (tx, a, v, r) -> tx.crews().arriveOnScene(v.anyLive("crews", r)));
        it.write("crews: release", GET, (tx, a, v, r) -> tx.crews().release(v.anyLive("crews", r)));
        it.write("crews: go off duty", GET, (tx, a, v, r) -> tx.crews().goOffDuty(v.anyLive("crews", r)));
        it.write("crews: go on duty", GET, (tx, a, v, r) -> tx.crews().goOnDuty(v.anyLive("crews", r)));
        it.write("crews: set shift", GET, (tx, a, v, r) -> tx.crews().setShift(v.anyLive("crews", r), EPOCH, FAR));
        it.lifecycle("crews", FleetTransaction::crews);
        it.write("assets: report telematics", GET, (tx, a, v, r) -> tx.assets().reportTelematics(v.anyLive("assets", r),
                new TelematicsReading(FAR, Location.ofCoordinates(0, 0), Map.of())));
        it.write("assets: set status", GET, (tx, a, v, r) -> tx.assets().setStatus(v.anyLive("assets", r), version(r), AssetStatus.OUT_OF_SERVICE));
        it.write("assets: assign another organization's asset to one's own crew", GET,
                (tx, a, v, r) -> tx.assets().assignToCrew(v.anyLive("assets", r), version(r), a.crew()));
        it.write("assets: release from crew", GET, (tx, a, v, r) -> tx.assets().releaseFromCrew(v.anyLive("assets", r), version(r)));
        it.write("assets: set VIN or serial", GET, (tx, a, v, r) -> tx.assets().setVinOrSerial(v.anyLive("assets", r), version(r), "HIJACK-1"));
        it.lifecycle("assets", FleetTransaction::assets);
        it.write("webhooks: record success", GET, (tx, a, v, r) -> tx.webhooks().recordSuccess(v.anyLive("webhooks", r)));
        it.write("webhooks: record failure", GET, (tx, a, v, r) -> tx.webhooks().recordFailure(v.anyLive("webhooks", r), "forged"));
        it.write("webhooks: deactivate", GET, (tx, a, v, r) -> tx.webhooks().deactivate(v.anyLive("webhooks", r)));
        it.write("webhooks: reactivate", GET, (tx, a, v, r) -> tx.webhooks().reactivate(v.anyLive("webhooks", r)));
        it.write("webhooks: set events", GET, (tx, a, v, r) -> tx.webhooks().setEvents(v.anyLive("webhooks", r), List.of("incident.closed")));
        it.write("webhooks: configure delivery", GET, (tx, a, v, r) -> tx.webhooks().configureDelivery(v.anyLive("webhooks", r), 0, 100));
        it.lifecycle("webhooks", FleetTransaction::webhooks);
        it.write("policies: update rules", GET, (tx, a, v, r) -> tx.policies().updateRules(v.anyLive("policies", r),
                "rules:\n  - name: hijack\n    when: { incident_type: fire }\n    then: { set_priority: 5 }\n"));
        it.write("policies: set priority", GET, (tx, a, v, r) -> tx.policies().setPriority(v.anyLive("policies", r), 1));
        it.write("policies: enable", GET, (tx, a, v, r) -> tx.policies().enable(v.anyLive("policies", r)));
        it.write("policies: disable", GET, (tx, a, v, r) -> tx.policies().disable(v.anyLive("policies", r)));
        it.write("suggested_actions: approve", GET, (tx, a, v, r) -> tx.suggestions().approve(v.anyLive("suggested_actions", r), "hijacked"));
        it.write("suggested_actions: reject", GET, (tx, a, v, r) -> tx.suggestions().reject(v.anyLive("suggested_actions", r), "hijacked"));
        it.write("suggested_actions: revert", GET, (tx, a, v, r) -> tx.suggestions().revert(v.anyLive("suggested_actions", r)));
        it.lifecycle("suggested_actions", FleetTransaction::suggestions);
        it.lifecycle("policies", FleetTransaction::policies);
        it.write("organizations: soft-delete another organization", GET, (tx, a, v, r) -> tx.organization().softDelete(v.org()));
        it.write("organizations: restore another organization", GET, (tx, a, v, r) -> tx.organization().restore(v.org()));
        it.write("organizations: purge another organization", GET, (tx, a, v, r) -> tx.organization().purge(v.org()));

        // One's own rows pointing at the other organization's: not found, or the composite foreign key.
        it.write("reference: suggestion about another organization's incident", REFERENCE,
                (tx, a, v, r) -> tx.suggestions().propose(NewSuggestion.setPriority("sneaky-ai", v.anyRow("incidents", r), 1)));
        it.write("reference: suggestion with another organization's transmission and policy as evidence", REFERENCE,
                (tx, a, v, r) -> tx.suggestions().propose(NewSuggestion.setPriority("sneaky-ai", a.incident(), 1)
                        .because(v.anyRow("transmissions", r), v.anyRow("policies", r), 0.5, "forged evidence")));
        it.write("reference: suggestion to dispatch another organization's crew", REFERENCE, (tx, a, v, r) -> {
            UUID pending = tx.suggestions().propose(NewSuggestion.dispatchCrew("sneaky-ai", a.incident(), v.crew())).id();
            tx.suggestions().approve(pending, "looks right");
        });
        it.write("reference: task under another organization's incident", REFERENCE,
                (tx, a, v, r) -> tx.tasks().create(v.anyRow("incidents", r), NewTask.of("sneaky", 3, null)));
        it.write("reference: assign one's own task to another organization's user", REFERENCE,
                (tx, a, v, r) -> tx.tasks().assign(a.task(), tx.tasks().get(a.task()).version(), v.anyRow("users", r)));
        it.write("reference: assign one's own incident to another organization's user", REFERENCE,
                (tx, a, v, r) -> tx.incidents().assign(a.incident(), tx.incidents().get(a.incident()).version(), v.anyRow("users", r)));
        it.write("reference: transmission on another organization's channel", REFERENCE,
                (tx, a, v, r) -> tx.transmissions().record(NewTransmission.of(v.anyRow("radio_channels", r), FAR, null)));
        it.write("reference: bulk ingest with one row on another organization's channel", REFERENCE, (tx, a, v, r) ->
                tx.transmissions().bulkIngest(List.of(NewTransmission.of(a.channel(), FAR, null), NewTransmission.of(v.channel(), FAR, null))));
        it.write("reference: link another organization's transmission to one's own incident", REFERENCE,
                (tx, a, v, r) -> tx.transmissions().linkToIncident(v.anyRow("transmissions", r), a.incident()));
        it.write("reference: link one's own transmission to another organization's incident", REFERENCE,
                (tx, a, v, r) -> tx.transmissions().linkToIncident(a.anyLive("transmissions", r), v.anyRow("incidents", r)));
        it.write("reference: incident reported by another organization's user", REFERENCE, (tx, a, v, r) -> tx.incidents().open(
                NewIncident.of("X-" + r.nextInt(1_000_000), "reported by a stranger", "fire", 3).reportedBy(v.anyRow("users", r), null)));
        it.write("reference: crew led by another organization's user", REFERENCE,
                (tx, a, v, r) -> tx.crews().create(NewCrew.of("Crew " + r.nextInt(1_000_000), v.anyRow("users", r))));
        it.write("reference: crew with another organization's member", REFERENCE,
                (tx, a, v, r) -> tx.crews().create(NewCrew.of("Crew " + r.nextInt(1_000_000), null, a.user(), v.anyRow("users", r))));
        it.write("reference: add another organization's user to one's own crew", REFERENCE,
                (tx, a, v, r) -> tx.crews().addMember(a.crew(), v.anyRow("users", r)));
        it.write("reference: dispatch one's own crew to another organization's incident", REFERENCE,
                (tx, a, v, r) -> tx.crews().dispatch(a.crew(), v.anyRow("incidents", r)));
        it.write("reference: assign one's own asset to another organization's crew", REFERENCE,
                (tx, a, v, r) -> tx.assets().assignToCrew(a.asset(), tx.assets().get(a.asset()).version(), v.anyRow("crews", r)));
        it.write("reference: checklist item on another organization's task", REFERENCE,
                (tx, a, v, r) -> tx.checklists().add(v.anyRow("tasks", r), "sneaky"));
        it.write("reference: reorder another organization's checklist", REFERENCE,
                (tx, a, v, r) -> tx.checklists().reorder(v.task(), v.live().get("task_checklists")));
        add(route, "reference: complete one's own checklist item as another organization's user", REFERENCE, (a, v, r) -> {
            fleet.execute(a.org(), Actor.user(v.user(), "impostor"), tx -> tx.checklists().complete(a.item()));
            return WRITTEN;
        });
        add(route, "reference: acknowledge one's own incident as another organization's user", REFERENCE, (a, v, r) -> {
            fleet.execute(a.org(), Actor.user(v.user(), "impostor"),
                    tx -> tx.incidents().acknowledge(a.incident(), tx.incidents().get(a.incident()).version()));
            return WRITTEN;
        });
    }

    private interface Action {
        void run(FleetTransaction tx, SeededTenant attacker, SeededTenant victim, Random random);
    }

    private static int version(Random random) {
        return 1 + random.nextInt(4);
    }


    private static Outcome only(SeededTenant attacker, Page<?> page) {
        return only(attacker, page.items());
    }

    private static Outcome only(SeededTenant attacker, Optional<?> row) {
        return only(attacker, row.stream().toList());
    }

    /** A row that came back: LEAKED unless it is the attacker's own. */
    private static Outcome only(SeededTenant attacker, Object row) {
        return only(attacker, List.of(row));
    }

    /** LEAKED if any row belongs to another organization than the attacker's. */
    private static Outcome only(SeededTenant attacker, Collection<?> rows) {
        for (Object row : rows) {
            try {
                if (!attacker.org().equals(row.getClass().getMethod("orgId").invoke(row))) {
                    return LEAKED;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(row.getClass() + " has no orgId()", e);
            }
        }
        return NOTHING;
    }

    // ------------------------------------------------------------------ raw SQL, dal.org_id set

    /** A statement and its bind values. */
    private record Sql(String sql, Object... binds) {
    }

    private interface SqlBody {
        Sql make(SeededTenant attacker, SeededTenant victim, Random random);
    }

    private static String pick(List<String> tables, Random random) {
        return tables.get(random.nextInt(tables.size()));
    }

    private static String orgColumn(String table) {
        return table.equals("organizations") ? "id" : "org_id";
    }

    private void sqlAttempts(FleetDatabase fleet) {
        CrossTenantAttempt.Route route = CrossTenantAttempt.Route.SQL;
        for (String table : TABLES) {
            query(route, fleet, table + ": SELECT another organization's row by id",
                    (a, v, r) -> new Sql("SELECT * FROM fleet." + table + " WHERE id = ?", v.anyRow(table, r)));
            update(route, fleet, table + ": INSERT a row for another organization", Set.of(ROW_LEVEL_SECURITY),
                    (a, v, r) -> insertFor(table, v.org(), v));
        }
        for (String table : MUTABLE_TABLES) {
            update(route, fleet, table + ": UPDATE another organization's row by id", Set.of(NOTHING),
                    (a, v, r) -> new Sql("UPDATE fleet." + table + " SET updated_at = now() WHERE id = ?", v.anyRow(table, r)));
            update(route, fleet, table + ": DELETE another organization's row by id", Set.of(NOTHING),
                    (a, v, r) -> new Sql("DELETE FROM fleet." + table + " WHERE id = ?", v.anyRow(table, r)));
            // A crew moved away from its members' organization is refused by the members trigger before the policy.
            update(route, fleet, table + ": UPDATE one's own row into another organization", Set.of(ROW_LEVEL_SECURITY, FOREIGN_KEY),
                    (a, v, r) -> new Sql("UPDATE fleet." + table + " SET " + orgColumn(table) + " = ? WHERE id = ?", v.org(), a.anyLive(table, r)));
        }
        query(route, fleet, "SELECT every row of another organization", (a, v, r) -> {
            String table = pick(TABLES, r);
            return new Sql("SELECT * FROM fleet." + table + " WHERE " + orgColumn(table) + " = ?", v.org());
        });
        query(route, fleet, "SELECT without a filter: any row but one's own", (a, v, r) -> {
            String table = pick(TABLES, r);
            return new Sql("SELECT * FROM fleet." + table + " WHERE " + orgColumn(table) + " <> ?", a.org());
        });
        query(route, fleet, "SELECT column statistics (pg_stats) of the tenant tables", (a, v, r) ->
                new Sql("SELECT tablename, attname, most_common_vals::text FROM pg_stats WHERE schemaname = 'fleet' AND tablename <> 'flyway_schema_history'"));
        update(route, fleet, "UPDATE every row of another organization", Set.of(NOTHING), (a, v, r) -> {
            String table = pick(MUTABLE_TABLES, r);
            return new Sql("UPDATE fleet." + table + " SET deleted_at = now() WHERE " + orgColumn(table) + " = ?", v.org());
        });
        update(route, fleet, "DELETE every row of another organization", Set.of(NOTHING), (a, v, r) -> {
            String table = pick(MUTABLE_TABLES, r);
            return new Sql("DELETE FROM fleet." + table + " WHERE " + orgColumn(table) + " = ?", v.org());
        });
        REFERENCES.forEach((kind, body) -> update(route, fleet, kind, Set.of(FOREIGN_KEY), body));
        // Since fleet V5 a row is (org_id, id): another organization's id is free in one's own. The row
        // must land in the caller's organization only; it is removed again, so that later attempts aimed
        // at the victim's id do not meet the caller's copy.
        add(route, "INSERT one's own row with another organization's row id", Set.of(OWN_ROW_ONLY), (a, v, r) -> {
            String table = new String[] {"incidents", "users", "webhooks", "policies"}[r.nextInt(4)];
            UUID id = v.anyRow(table, r);
            Sql sql = switch (table) {
                case "incidents" -> new Sql("INSERT INTO fleet.incidents (id, org_id, incident_number, title, incident_type)"
                        + " VALUES (?, ?, left(gen_random_uuid()::text, 20), 'copy', 'fire')", id, a.org());
                case "users" -> new Sql("INSERT INTO fleet.users (id, org_id, oidc_subject, email, display_name)"
                        + " VALUES (?, ?, gen_random_uuid()::text, 'copy@example.org', 'copy')", id, a.org());
                case "webhooks" -> new Sql("INSERT INTO fleet.webhooks (id, org_id, url) VALUES (?, ?, 'https://copy.example.org')", id, a.org());
                default -> new Sql("INSERT INTO fleet.policies (id, org_id, name, rules_yaml) VALUES (?, ?, gen_random_uuid()::text, 'x')",
                        id, a.org());
            };
            return fleet.inTransaction(a.org(), a.actor(), tx -> {
                if (tx.dsl().execute(sql.sql(), sql.binds()) == 0) {
                    return NOTHING;
                }
                int own = tx.dsl().execute("DELETE FROM fleet." + table + " WHERE id = ? AND org_id = ?", id, a.org());
                return own == 1 ? OWN_ROW_ONLY : WRITTEN;
            });
        });
        add(route, "SET row_security = off, then SELECT another organization's rows", Set.of(ROW_LEVEL_SECURITY),
                (a, v, r) -> fleet.inTransaction(a.org(), a.actor(), tx -> {
                    tx.dsl().execute("SET LOCAL row_security = off");
                    String table = pick(TABLES, r);
                    return rows(tx.dsl().fetch("SELECT * FROM fleet." + table + " WHERE " + orgColumn(table) + " = ?", v.org()));
                }));
        add(route, "set dal.org_id to a malformed value (\"<uuid>' OR true\") and SELECT", Set.of(INVALID_ORGANIZATION_SETTING),
                (a, v, r) -> fleet.inTransaction(a.org(), a.actor(), tx -> {
                    tx.dsl().fetch("SELECT set_config('dal.org_id', ? || '/' || fleet.transaction_stamp(), true)", v.org() + "' OR 'true");
                    return rows(tx.dsl().fetch("SELECT * FROM fleet." + pick(TABLES, r)));
                }));
    }

    private void query(CrossTenantAttempt.Route route, FleetDatabase fleet, String kind, SqlBody body) {
        add(route, kind, READ, (a, v, r) -> {
            Sql sql = body.make(a, v, r);
            return fleet.inTransaction(a.org(), a.actor(), tx -> rows(tx.dsl().fetch(sql.sql(), sql.binds())));
        });
    }

    private void update(CrossTenantAttempt.Route route, FleetDatabase fleet, String kind, Set<Outcome> refusals, SqlBody body) {
        add(route, kind, refusals, (a, v, r) -> {
            Sql sql = body.make(a, v, r);
            return fleet.inTransaction(a.org(), a.actor(), tx -> tx.dsl().execute(sql.sql(), sql.binds()) > 0 ? WRITTEN : NOTHING);
        });
    }

    private static Outcome rows(Result<Record> rows) {
        return rows.isEmpty() ? NOTHING : LEAKED;
    }

    /** An INSERT into {@code table} for organization {@code org}, its references pointing at {@code refs}'s rows. */
    private static Sql insertFor(String table, UUID org, SeededTenant refs) {
        return switch (table) {
            case "organizations" -> new Sql("INSERT INTO fleet.organizations (id, name, slug) VALUES (?, 'smuggled', 'smuggled-'"
                    + " || left(md5(random()::text), 8))", org.equals(refs.org()) ? UUID.randomUUID() : org);
            case "users" -> new Sql("INSERT INTO fleet.users (org_id, oidc_subject, email, display_name)"
                    + " VALUES (?, gen_random_uuid()::text, 'smuggled@example.org', 'smuggled')", org);
            case "radio_channels" -> new Sql("INSERT INTO fleet.radio_channels (org_id, name, source_type) VALUES (?, gen_random_uuid()::text, 'SIP')", org);
            case "incidents" -> new Sql("INSERT INTO fleet.incidents (org_id, incident_number, title, incident_type)"
                    + " VALUES (?, left(gen_random_uuid()::text, 20), 'smuggled', 'fire')", org);
            case "transmissions" -> new Sql("INSERT INTO fleet.transmissions (org_id, channel_id, started_at) VALUES (?, ?, now())", org, refs.channel());
            case "tasks" -> new Sql("INSERT INTO fleet.tasks (org_id, incident_id, title) VALUES (?, ?, 'smuggled')", org, refs.incident());
            case "task_checklists" -> new Sql("INSERT INTO fleet.task_checklists (org_id, task_id, position, label)"
                    + " VALUES (?, ?, 1000 + (random() * 100000)::int, 'smuggled')", org, refs.task());
            case "crews" -> new Sql("INSERT INTO fleet.crews (org_id, name) VALUES (?, gen_random_uuid()::text)", org);
            case "assets" -> new Sql("INSERT INTO fleet.assets (org_id, name, asset_type) VALUES (?, 'smuggled', 'vehicle')", org);
            case "audit_logs" -> new Sql("INSERT INTO fleet.audit_logs (org_id, actor, action, entity_type, entity_id)"
                    + " VALUES (?, 'forger', 'create', 'incidents', gen_random_uuid())", org);
            case "webhooks" -> new Sql("INSERT INTO fleet.webhooks (org_id, url) VALUES (?, 'https://smuggled.example.org')", org);
            case "policies" -> new Sql("INSERT INTO fleet.policies (org_id, name, rules_yaml) VALUES (?, gen_random_uuid()::text, 'x')", org);
            case "suggested_actions" -> new Sql("INSERT INTO fleet.suggested_actions (org_id, kind, status, proposed_in_mode, proposed_by)"
                    + " VALUES (?, 'set_priority', 'recorded', 'hitl', 'smuggled')", org);
            default -> throw new IllegalArgumentException(table);
        };
    }

    /** One's own rows pointing at the other organization's, by raw INSERT or UPDATE: each a composite foreign key (or the crew members trigger) refuses. */
    private static final Map<String, SqlBody> REFERENCES = new LinkedHashMap<>();

    static {
        REFERENCES.put("INSERT one's own suggestion about another organization's incident", (a, v, r) ->
                new Sql("INSERT INTO fleet.suggested_actions (org_id, kind, status, proposed_in_mode, proposed_by, incident_id)"
                        + " VALUES (?, 'set_priority', 'recorded', 'hitl', 'x', ?)", a.org(), v.anyRow("incidents", r)));
        REFERENCES.put("INSERT one's own task under another organization's incident", (a, v, r) ->
                new Sql("INSERT INTO fleet.tasks (org_id, incident_id, title) VALUES (?, ?, 'x')", a.org(), v.anyRow("incidents", r)));
        REFERENCES.put("INSERT one's own task assigned to another organization's user", (a, v, r) ->
                new Sql("INSERT INTO fleet.tasks (org_id, incident_id, title, assignee_id) VALUES (?, ?, 'x', ?)", a.org(), a.incident(), v.anyRow("users", r)));
        REFERENCES.put("INSERT one's own transmission on another organization's channel", (a, v, r) ->
                new Sql("INSERT INTO fleet.transmissions (org_id, channel_id, started_at) VALUES (?, ?, now())", a.org(), v.anyRow("radio_channels", r)));
        REFERENCES.put("INSERT one's own transmission linked to another organization's incident", (a, v, r) ->
                new Sql("INSERT INTO fleet.transmissions (org_id, channel_id, incident_id, started_at) VALUES (?, ?, ?, now())",
                        a.org(), a.channel(), v.anyRow("incidents", r)));
        REFERENCES.put("INSERT one's own checklist item on another organization's task", (a, v, r) ->
                new Sql("INSERT INTO fleet.task_checklists (org_id, task_id, position, label) VALUES (?, ?, 1000 + (random() * 100000)::int, 'x')",
                        a.org(), v.anyRow("tasks", r)));
        REFERENCES.put("INSERT one's own checklist item completed by another organization's user", (a, v, r) ->
                new Sql("INSERT INTO fleet.task_checklists (org_id, task_id, position, label, is_completed, completed_at, completed_by)"
                        + " VALUES (?, ?, 1000 + (random() * 100000)::int, 'x', true, now(), ?)", a.org(), a.task(), v.anyRow("users", r)));
        REFERENCES.put("INSERT one's own crew led by another organization's user", (a, v, r) ->
                new Sql("INSERT INTO fleet.crews (org_id, name, leader_id) VALUES (?, gen_random_uuid()::text, ?)", a.org(), v.anyRow("users", r)));
        REFERENCES.put("INSERT one's own crew with another organization's member", (a, v, r) ->
                new Sql("INSERT INTO fleet.crews (org_id, name, member_ids) VALUES (?, gen_random_uuid()::text, ARRAY[?::uuid, ?::uuid])",
                        a.org(), a.user(), v.anyRow("users", r)));
        REFERENCES.put("INSERT one's own crew at another organization's incident", (a, v, r) ->
                new Sql("INSERT INTO fleet.crews (org_id, name, incident_id) VALUES (?, gen_random_uuid()::text, ?)", a.org(), v.anyRow("incidents", r)));
        REFERENCES.put("INSERT one's own asset on another organization's crew", (a, v, r) ->
                new Sql("INSERT INTO fleet.assets (org_id, name, asset_type, crew_id) VALUES (?, 'x', 'vehicle', ?)", a.org(), v.anyRow("crews", r)));
        REFERENCES.put("INSERT one's own incident reported by another organization's user", (a, v, r) ->
                new Sql("INSERT INTO fleet.incidents (org_id, incident_number, title, incident_type, reported_by)"
                        + " VALUES (?, left(gen_random_uuid()::text, 20), 'x', 'fire', ?)", a.org(), v.anyRow("users", r)));
        REFERENCES.put("UPDATE one's own task: assignee from another organization", (a, v, r) ->
                new Sql("UPDATE fleet.tasks SET assignee_id = ? WHERE id = ?", v.anyRow("users", r), a.task()));
        REFERENCES.put("UPDATE one's own task: move it under another organization's incident", (a, v, r) ->
                new Sql("UPDATE fleet.tasks SET incident_id = ? WHERE id = ?", v.anyRow("incidents", r), a.task()));
        REFERENCES.put("UPDATE one's own transmission: onto another organization's channel", (a, v, r) ->
                new Sql("UPDATE fleet.transmissions SET channel_id = ? WHERE id = ?", v.anyRow("radio_channels", r), a.anyLive("transmissions", r)));
        REFERENCES.put("UPDATE one's own transmission: link another organization's incident", (a, v, r) ->
                new Sql("UPDATE fleet.transmissions SET incident_id = ? WHERE id = ?", v.anyRow("incidents", r), a.anyLive("transmissions", r)));
        REFERENCES.put("UPDATE one's own asset: onto another organization's crew", (a, v, r) ->
                new Sql("UPDATE fleet.assets SET crew_id = ? WHERE id = ?", v.anyRow("crews", r), a.anyLive("assets", r)));
        REFERENCES.put("UPDATE one's own crew: add another organization's member", (a, v, r) ->
                new Sql("UPDATE fleet.crews SET member_ids = member_ids || ?::uuid WHERE id = ?", v.anyRow("users", r), a.anyLive("crews", r)));
        REFERENCES.put("UPDATE one's own crew: leader from another organization", (a, v, r) ->
                new Sql("UPDATE fleet.crews SET leader_id = ? WHERE id = ?", v.anyRow("users", r), a.anyLive("crews", r)));
        REFERENCES.put("UPDATE one's own crew: at another organization's incident", (a, v, r) ->
                new Sql("UPDATE fleet.crews SET incident_id = ? WHERE id = ?", v.anyRow("incidents", r), a.anyLive("crews", r)));
        REFERENCES.put("UPDATE one's own checklist item: onto another organization's task", (a, v, r) ->
                new Sql("UPDATE fleet.task_checklists SET task_id = ? WHERE id = ?", v.anyRow("tasks", r), a.anyLive("task_checklists", r)));
        REFERENCES.put("UPDATE one's own incident: reported by another organization's user", (a, v, r) ->
                new Sql("UPDATE fleet.incidents SET reported_by = ? WHERE id = ?", v.anyRow("users", r), a.anyLive("incidents", r)));
    }

    // ------------------------------------------------------------------ raw SQL, dal.org_id not set

    /** Plain statements on a pooled connection of the application role, as code that forgot FleetDatabase would run them. */
    private void sqlWithoutOrganizationAttempts() {
        CrossTenantAttempt.Route route = CrossTenantAttempt.Route.SQL_WITHOUT_ORGANIZATION;
        DSLContext plain = DSL.using(application, SQLDialect.POSTGRES);
        for (String table : TABLES) {
            add(route, table + ": SELECT everything", READ, (a, v, r) -> rows(plain.fetch("SELECT * FROM fleet." + table)));
            add(route, table + ": INSERT a row for any organization", Set.of(ROW_LEVEL_SECURITY), (a, v, r) -> {
                SeededTenant owner = r.nextBoolean() ? a : v;
                Sql sql = insertFor(table, owner.org(), owner);
                return plain.execute(sql.sql(), sql.binds()) > 0 ? WRITTEN : NOTHING;
            });
        }
        add(route, "SELECT a row by id", READ, (a, v, r) -> {
            String table = pick(TABLES, r);
            return rows(plain.fetch("SELECT * FROM fleet." + table + " WHERE id = ?", v.anyRow(table, r)));
        });
        add(route, "UPDATE a row by id", READ, (a, v, r) -> {
            String table = pick(MUTABLE_TABLES, r);
            return plain.execute("UPDATE fleet." + table + " SET updated_at = now() WHERE id = ?", v.anyRow(table, r)) > 0 ? WRITTEN : NOTHING;
        });
        add(route, "DELETE a row by id", READ, (a, v, r) -> {
            String table = pick(MUTABLE_TABLES, r);
            return plain.execute("DELETE FROM fleet." + table + " WHERE id = ?", v.anyRow(table, r)) > 0 ? WRITTEN : NOTHING;
        });
    }
}
