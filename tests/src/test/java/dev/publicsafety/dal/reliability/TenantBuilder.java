package dev.publicsafety.dal.reliability;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.NewUser;
import dev.publicsafety.dal.fleet.policy.NewPolicy;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.suggestion.NewSuggestion;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.unit.NewAsset;
import dev.publicsafety.dal.fleet.unit.NewCrew;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.fleet.webhook.NewWebhook;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** Builds a {@link SeededTenant} through the public repositories, as the application would. */
final class TenantBuilder {

    private TenantBuilder() {
    }

    /** {@code name} is a lowercase word (alpha, bravo, …) that every search string of the organization contains. */
    static SeededTenant build(FleetDatabase fleet, String name) {
        UUID org = fleet.createOrganization(Actor.service("setup-" + name), NewOrganization.of("Agency " + name, "agency-" + name)).id();
        UUID[] users = fleet.inTransaction(org, Actor.service("setup-" + name), tx -> new UUID[] {
            tx.users().create(NewUser.of("subject-" + name, name + "@example.org", "Dispatcher " + name, "dispatcher", "role_" + name)).id(),
            tx.users().create(NewUser.of("subject-" + name + "-2", name + "2@example.org", "Responder " + name, "responder")).id(),
            tx.users().create(NewUser.of("subject-" + name + "-gone", name + "3@example.org", "Former " + name, "responder")).id()});
        Actor actor = Actor.user(users[0], "actor-" + name);
        Map<String, List<UUID>> live = new HashMap<>();
        Map<String, List<UUID>> deleted = new HashMap<>();
        live.put("organizations", List.of(org));
        live.put("users", List.of(users[0], users[1]));
        return fleet.inTransaction(org, actor, tx -> {
            UUID channel = tx.channels().create(sip("Channel " + name)).id();
            UUID incident = tx.incidents().open(NewIncident.of("N-" + name + "-1", "Fire at " + name, "fire", 2).tagged("tag-" + name)).id();
            var second = tx.incidents().open(NewIncident.of("N-" + name + "-2", "Crash at " + name, "crash", 1));
            UUID dispatched = tx.incidents().dispatch(second.id(), second.version()).id();
            OffsetDateTime at = OffsetDateTime.parse("2025-06-01T12:00:00Z");
            UUID transmission = tx.transmissions().record(NewTransmission.of(channel, at, at.plusSeconds(9))
                    .transcribed("plate " + name, 0.9, "en", List.of(TransmissionEntity.of("PLATE", "PLATE-" + name.toUpperCase())))).id();
            tx.transmissions().linkToIncident(transmission, incident);
            UUID traffic = tx.transmissions().record(NewTransmission.of(channel, at.plusMinutes(1), null)).id();
            var created = tx.tasks().create(incident, NewTask.of("Search " + name, 2, at.plusHours(1)));
            UUID task = tx.tasks().assign(created.id(), created.version(), users[0]).id();
            UUID item = tx.checklists().add(task, "Check doors").id();
            UUID item2 = tx.checklists().add(task, "Check windows").id();
            UUID crew = tx.crews().create(NewCrew.of("Crew " + name, users[0], users[1])).id();
            UUID busyCrew = tx.crews().create(NewCrew.of("Crew " + name + " 2", users[1])).id();
            tx.crews().dispatch(busyCrew, dispatched);
            UUID asset = tx.assets().register(NewAsset.of("Engine " + name, AssetType.VEHICLE, "CS-" + name)).id();
            var truck = tx.assets().register(NewAsset.of("Truck " + name, AssetType.VEHICLE, "CS-" + name + "-2"));
            UUID assigned = tx.assets().assignToCrew(truck.id(), truck.version(), crew).id();
            UUID webhook = tx.webhooks().subscribe(NewWebhook.of("https://" + name + ".example.org/hook", "secret-" + name,
                    "incident.created", name + ".only")).id();
            String rules = "rules:\n  - name: escalate-" + name + "\n    when: { incident_type: fire }\n    then:\n      - set_priority: 1\n";
            UUID policy = tx.policies().create(NewPolicy.of("Policy " + name, rules, 10)).id();
            tx.organization().setFeatureFlag("flag_" + name, true);
            UUID suggestion = tx.suggestions().propose(NewSuggestion.setPriority("triage-" + name, incident, 1)
                    .because(transmission, policy, 0.8, "caller reports trapped people")).id();

            live.put("radio_channels", List.of(channel));
            live.put("incidents", List.of(incident, dispatched));
            live.put("transmissions", List.of(transmission, traffic));
            live.put("tasks", List.of(task));
            live.put("task_checklists", List.of(item, item2));
            live.put("crews", List.of(crew, busyCrew));
            live.put("assets", List.of(asset, assigned));
            live.put("webhooks", List.of(webhook));
            live.put("policies", List.of(policy));
            live.put("suggested_actions", List.of(suggestion));

            deleted.put("users", List.of(softDeleted(tx, FleetTransaction::users, users[2])));
            deleted.put("radio_channels", List.of(softDeleted(tx, FleetTransaction::channels, tx.channels().create(sip("Old channel " + name)).id())));
            deleted.put("incidents", List.of(softDeleted(tx, FleetTransaction::incidents,
                    tx.incidents().open(NewIncident.of("N-" + name + "-old", "Old", "fire", 5)).id())));
            deleted.put("transmissions", List.of(softDeleted(tx, FleetTransaction::transmissions,
                    tx.transmissions().record(NewTransmission.of(channel, at.minusDays(1), null)).id())));
            deleted.put("tasks", List.of(softDeleted(tx, FleetTransaction::tasks, tx.tasks().create(incident, NewTask.of("Old task", 5, null)).id())));
            deleted.put("task_checklists", List.of(softDeleted(tx, FleetTransaction::checklists, tx.checklists().add(task, "Old item").id())));
            deleted.put("crews", List.of(softDeleted(tx, FleetTransaction::crews, tx.crews().create(NewCrew.of("Old crew " + name, null)).id())));
            deleted.put("assets", List.of(softDeleted(tx, FleetTransaction::assets,
                    tx.assets().register(NewAsset.of("Old engine " + name, AssetType.VEHICLE, null)).id())));
            deleted.put("webhooks", List.of(softDeleted(tx, FleetTransaction::webhooks,
                    tx.webhooks().subscribe(NewWebhook.of("https://old.example.org/hook", null, "incident.closed")).id())));
            deleted.put("policies", List.of(softDeleted(tx, FleetTransaction::policies,
                    tx.policies().create(NewPolicy.of("Old policy " + name, rules, 99)).id())));
            deleted.put("suggested_actions", List.of(softDeleted(tx, FleetTransaction::suggestions,
                    tx.suggestions().propose(NewSuggestion.createTask("triage-" + name, incident, "Old suggestion", 4)).id())));
            live.put("audit_logs", tx.auditLogs().byActor(users[0], PageRequest.first(PageRequest.MAX_SIZE)).items().stream()
                    .map(e -> e.id()).toList());
            return new SeededTenant(name, org, actor, users[0], users[1], channel, incident, task, item, crew, asset,
                    Map.copyOf(live), Map.copyOf(deleted), "subject-" + name, "role_" + name, "tag-" + name, "N-" + name + "-1",
                    "PLATE-" + name.toUpperCase(), "Channel " + name, "CS-" + name, "Policy " + name, name + ".only", "flag_" + name);
        });
    }

    private static UUID softDeleted(FleetTransaction tx, Function<FleetTransaction, TenantRepository<?>> repository, UUID id) {
        repository.apply(tx).softDelete(id);
        return id;
    }

    static NewRadioChannel sip(String name) {
        return new NewRadioChannel(name, ChannelSourceType.SIP,
                Map.of("uri", "sip:" + name.toLowerCase().replace(' ', '-') + "@pbx.example.org"));
    }
}
