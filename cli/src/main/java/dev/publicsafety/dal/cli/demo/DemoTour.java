package dev.publicsafety.dal.cli.demo;

import static dev.publicsafety.dal.generated.fleet.Tables.INCIDENTS;
import static dev.publicsafety.dal.generated.fleet.Tables.SUGGESTED_ACTIONS;
import static dev.publicsafety.dal.generated.fleet.Tables.TASKS;
import static dev.publicsafety.dal.generated.fleet.Tables.TRANSMISSIONS;
import static dev.publicsafety.dal.generated.fleet.Tables.USERS;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.Workflows;
import dev.publicsafety.dal.fleet.audit.AuditEntry;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.radio.RadioChannel;
import dev.publicsafety.dal.fleet.radio.Transmission;
import dev.publicsafety.dal.fleet.suggestion.SuggestedAction;
import dev.publicsafety.dal.fleet.task.Task;
import dev.publicsafety.dal.fleet.unit.Asset;
import dev.publicsafety.dal.fleet.unit.NearbyAsset;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.jsonb.Jsonb;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;

/**
 * Prints a short tour of the demo data: a handful of type-safe queries, through the repositories
 * and jOOQ, with their results. Deterministic for a seed: times are shown relative to the anchor
 * the data was generated around, and ids are not shown.
 */
public final class DemoTour {

    private static final Actor VIEWER = Actor.service("dal-demo-tour");

    private final FleetDatabase fleet;
    private final DemoFleet demo;
    private final boolean rowLevelSecurity;
    private final PrintWriter out;

    /**
     * @param rowLevelSecurity whether {@code fleet}'s connections are subject to row-level security
     *                         (an application role), which changes what the tenancy part can show
     */
    public DemoTour(FleetDatabase fleet, DemoFleet demo, boolean rowLevelSecurity, PrintWriter out) {
        this.fleet = fleet;
        this.demo = demo;
        this.rowLevelSecurity = rowLevelSecurity;
        this.out = out;
    }

    public void print() {
        DemoFleet.Organization first = demo.organizations().get(0);
        DemoFleet.Organization second = demo.organizations().get(1);
        OffsetDateTime anchor = first.anchor();
        out.println();
        out.println("== Tour of the demo fleet (seed " + first.seed() + ", scale " + first.scale() + ") ==");

        heading(1, "Incidents by status, per organization", "tx.incidents().countByStatus()");
        for (DemoFleet.Organization org : demo.organizations()) {
            Map<IncidentStatus, Integer> counts = fleet.inTransaction(org.id(), VIEWER, tx -> tx.incidents().countByStatus());
            out.println(String.format("   %-28s %s", org.name(), counts.entrySet().stream()
                    .map(e -> e.getKey().getLiteral() + " " + e.getValue()).collect(Collectors.joining("  "))));
        }

        heading(2, "Most urgent open incidents at " + first.name(), "tx.incidents().openByPriority(PageRequest.first(5))");
        fleet.execute(first.id(), VIEWER, tx -> {
            for (Incident incident : tx.incidents().openByPriority(PageRequest.first(5)).items()) {
                out.println(String.format("   %s  P%d  %-10s %-44s reported %s", incident.number(), incident.priority(),
                        incident.status().getLiteral(), clip(incident.title(), 44), ago(incident.reportedAt(), anchor)));
            }
        });

        heading(3, "Newest traffic on 'Dispatch 1', keyset-paged (no OFFSET)",
                "tx.transmissions().channelTraffic(channel, from, to, PageRequest.first(3)), then page.nextRequest()");
        fleet.execute(first.id(), VIEWER, tx -> {
            RadioChannel channel = tx.channels().findByName("Dispatch 1").orElseThrow();
            Page<Transmission> page = tx.transmissions().channelTraffic(channel.id(), anchor.minusDays(1), anchor.plusMinutes(1),
                    PageRequest.first(3));
            for (int p = 1; p <= 2; p++) {
                out.println("   page " + p + ":");
                for (Transmission t : page.items()) {
                    out.println(String.format("     %-12s \"%s\"", ago(t.startedAt(), anchor), clip(t.transcription(), 76)));
                }
                if (page.nextRequest().isEmpty()) {
                    break;
                }
                page = tx.transmissions().channelTraffic(channel.id(), anchor.minusDays(1), anchor.plusMinutes(1), page.nextRequest().get());
            }
        });

        heading(4, "Every transmission that mentions plate " + FleetDemoGenerator.HOT_PLATE + " (the mention index, newest first)",
                "tx.transmissions().mentioning(\"PLATE\", \"" + FleetDemoGenerator.HOT_PLATE + "\", PageRequest.first(2))");
        for (DemoFleet.Organization org : demo.organizations()) {
            fleet.execute(org.id(), VIEWER, tx -> {
                int count = tx.dsl().fetchCount(TRANSMISSIONS, TRANSMISSIONS.ORG_ID.eq(org.id())
                        .and(TRANSMISSIONS.DELETED_AT.isNull())
                        .and(Jsonb.contains(TRANSMISSIONS.ENTITIES, List.of(TransmissionEntity.of("PLATE", FleetDemoGenerator.HOT_PLATE)))));
                out.println(String.format("   %-28s %d transmissions", org.name(), count));
                if (org.equals(first)) {
                    for (Transmission t : tx.transmissions().mentioning("PLATE", FleetDemoGenerator.HOT_PLATE, PageRequest.first(2)).items()) {
                        out.println(String.format("     %-12s \"%s\"", ago(t.startedAt(), anchor), clip(t.transcription(), 76)));
                    }
                }
            });
        }

        heading(5, "Tasks past their SLA, the busiest responder, available vehicles",
                "tx.tasks().breached(asOf, page); tx.tasks().workload(user); tx.assets().available(VEHICLE, page)");
        fleet.execute(first.id(), VIEWER, tx -> {
            Page<Task> breached = tx.tasks().breached(anchor, PageRequest.first(3));
            for (Task task : breached.items()) {
                String number = tx.incidents().get(task.incidentId()).number();
                out.println(String.format("   %s  %-36s %-11s due %s", number, clip(task.title(), 36), task.status().getLiteral(),
                        ago(task.dueAt(), anchor)));
            }
            var busiest = tx.dsl().select(USERS.ID, USERS.DISPLAY_NAME, DSL.count())
                    .from(TASKS).join(USERS).on(USERS.ID.eq(TASKS.ASSIGNEE_ID)).and(USERS.ORG_ID.eq(TASKS.ORG_ID))
                    .where(TASKS.ORG_ID.eq(first.id())).and(TASKS.DELETED_AT.isNull()).and(TASKS.STATUS.in(Workflows.TASK.open()))
                    .groupBy(USERS.ID, USERS.DISPLAY_NAME)
                    .orderBy(DSL.count().desc(), USERS.DISPLAY_NAME)
                    .limit(1)
                    .fetchOptional();
            busiest.ifPresent(row -> {
                Map<TaskStatus, Integer> workload = tx.tasks().workload(row.value1());
                out.println("   busiest responder: " + row.value2() + " - " + workload.entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey().getLiteral() + " " + e.getValue()).collect(Collectors.joining(", ")));
            });
            Page<Asset> vehicles = tx.assets().available(AssetType.VEHICLE, PageRequest.first(5));
            out.println("   available vehicles: " + vehicles.items().stream().map(a -> a.name() + " (" + a.callSign() + ")")
                    .collect(Collectors.joining(", ")) + (vehicles.hasNext() ? ", ..." : ""));
        });

        String featured = first.prefix() + "-000001";
        heading(6, "Audit trail of " + featured + ", and tenant isolation",
                "tx.auditLogs().forEntity(INCIDENTS, id, page); tx.incidents().findByNumber(...) from the other organization");
        fleet.execute(first.id(), VIEWER, tx -> {
            Incident incident = tx.incidents().findByNumber(featured).orElseThrow();
            for (AuditEntry entry : tx.auditLogs().forEntity(INCIDENTS, incident.id(), PageRequest.first(20)).items()) {
                String from = entry.beforeState() == null ? "-" : entry.beforeState().path("status").asText();
                String to = entry.afterState() == null ? "-" : entry.afterState().path("status").asText();
                out.println(String.format("   %-20s %-16s %s -> %s (version %s)", entry.action(), entry.actor(), from, to,
                        entry.afterState() == null ? "-" : entry.afterState().path("version").asText()));
            }
        });
        fleet.execute(second.id(), VIEWER, tx -> {
            Optional<Incident> foreign = tx.incidents().findByNumber(featured);
            out.println("   " + second.name() + " looks up " + featured + ": " + (foreign.isPresent() ? "FOUND (tenancy broken!)" : "not found"));
            int visible = tx.dsl().fetchCount(INCIDENTS);
            int own = tx.dsl().fetchCount(INCIDENTS, INCIDENTS.ORG_ID.eq(second.id()));
            if (rowLevelSecurity) {
                out.println("   raw SELECT count(*) FROM fleet.incidents on its connection: " + visible + " rows, all its own ("
                        + own + "): row-level security hides the other organization");
            } else {
                out.println("   raw SELECT count(*) FROM fleet.incidents on its connection: " + visible + " rows, of which " + own
                        + " its own: this role bypasses row-level security, so only the repositories' org_id filter protects it;"
                        + " connect as an application role (dal grant-app-role)");
            }
        });
        heading(7, "A suggestion in hitl mode: pending, approved by a dispatcher, executed, audited",
                "tx.suggestions().propose(NewSuggestion.createTask(...).because(transmission, ...)); tx.suggestions().approve(id, why)");
        fleet.execute(first.id(), VIEWER, tx -> {
            UUID id = tx.dsl().select(SUGGESTED_ACTIONS.ID).from(SUGGESTED_ACTIONS).where(SUGGESTED_ACTIONS.ORG_ID.eq(first.id()))
                    .orderBy(SUGGESTED_ACTIONS.CREATED_AT).limit(1).fetchSingle(SUGGESTED_ACTIONS.ID);
            SuggestedAction suggestion = tx.suggestions().get(id);
            out.println(String.format("   %s by %s (confidence %.2f, evidence: transmission \"%s\"): %s, %s",
                    suggestion.kind().getLiteral(), suggestion.proposedBy(), suggestion.confidence(),
                    clip(tx.transmissions().get(suggestion.transmissionId()).transcription(), 40), suggestion.parameters().get("title"),
                    suggestion.status().getLiteral()));
            for (AuditEntry entry : tx.auditLogs().forEntity(SUGGESTED_ACTIONS.getName(), id, PageRequest.first(10)).items()) {
                out.println(String.format("   %-16s %-16s status %s", entry.action(), entry.actor(), entry.afterState().path("status").asText()));
            }
            AuditEntry created = tx.auditLogs().forEntity(suggestion.resultEntityType(), suggestion.resultEntityId(), PageRequest.first(1))
                    .items().get(0);
            out.println(String.format("   %-16s %-16s %s \"%s\" (reason: %s)", created.action(), created.actor(), suggestion.resultEntityType(),
                    created.afterState().path("title").asText(), suggestion.decisionReason()));
        });

        heading(8, "The nearest available units to the most urgent incident, and transmissions that say \"breathing\"",
                "tx.assets().nearestAvailable(lat, lng, 10_000, 3); tx.transmissions().searchTranscripts(\"breathing\", PageRequest.first(3))");
        fleet.execute(first.id(), VIEWER, tx -> {
            Incident urgent = tx.incidents().openByPriority(PageRequest.first(1)).items().get(0);
            out.println("   " + urgent.number() + " at " + urgent.location().address() + ":");
            for (NearbyAsset unit : tx.assets().nearestAvailable(urgent.location().latitude(), urgent.location().longitude(), 10_000, 3)) {
                out.println(String.format("     %-22s %-8s %5.0f m", unit.asset().name(), unit.asset().callSign(), unit.distanceMeters()));
            }
            for (Transmission t : tx.transmissions().searchTranscripts("breathing", PageRequest.first(3)).items()) {
                out.println(String.format("     %-12s \"%s\"", ago(t.startedAt(), anchor), clip(t.transcription(), 76)));
            }
        });
        out.flush();
    }

    private void heading(int number, String title, String code) {
        out.println();
        out.println(number + ". " + title);
        out.println("   " + code);
    }

    private static String clip(String text, int length) {
        if (text == null) {
            return "";
        }
        return text.length() <= length ? text : text.substring(0, length - 1) + "...";
    }

    /** How long before the anchor, e.g. {@code 2h 05m ago}; {@code in 12m} for the future. */
    static String ago(OffsetDateTime time, OffsetDateTime anchor) {
        Duration delta = Duration.between(time, anchor);
        boolean future = delta.isNegative();
        long minutes = Math.abs(delta.toMinutes());
        if (minutes == 0) {
            return "just now";
        }
        String amount = minutes >= 24 * 60 ? String.format("%dd %02dh", minutes / (24 * 60), minutes / 60 % 24)
                : minutes >= 60 ? String.format("%dh %02dm", minutes / 60, minutes % 60)
                : minutes + "m";
        return future ? "in " + amount : amount + " ago";
    }
}
