package dev.publicsafety.dal.cli.demo;

import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.CANCELLED;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.CLOSED;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.DISPATCHED;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.NEW;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.ON_SCENE;
import static dev.publicsafety.dal.generated.fleet.enums.IncidentStatus.RESOLVED;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.NewUser;
import dev.publicsafety.dal.fleet.organization.User;
import dev.publicsafety.dal.fleet.policy.NewPolicy;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.radio.RadioChannel;
import dev.publicsafety.dal.fleet.suggestion.NewSuggestion;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.task.Task;
import dev.publicsafety.dal.fleet.unit.Asset;
import dev.publicsafety.dal.fleet.unit.Crew;
import dev.publicsafety.dal.fleet.unit.NewAsset;
import dev.publicsafety.dal.fleet.unit.NewCrew;
import dev.publicsafety.dal.fleet.unit.TelematicsReading;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.fleet.webhook.NewWebhook;
import dev.publicsafety.dal.generated.fleet.enums.AssetStatus;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.TaskStatus;
import dev.publicsafety.dal.geo.Location;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates a realistic, deterministic fleet through the public repositories: the same seed and
 * scale give the same organizations, people, incidents (in every status, moved through the real
 * workflow), tasks, crews, assets and radio traffic. Times are laid out backwards from an anchor
 * ("now", to the minute). Transmissions, the big table, go in through the COPY bulk ingest.
 */
public final class FleetDemoGenerator {

    /** A plate that turns up in both organizations' traffic, for the entity-search part of the tour. */
    public static final String HOT_PLATE = "8RVT214";

    static final Actor SETUP = Actor.service("dal-demo");
    private static final Actor TRIAGE = Actor.service("triage-ai");

    private static final long WEEK_SECONDS = 7L * 24 * 3600;
    private static final int INCIDENTS_PER_TRANSACTION = 20;
    private static final int TRANSMISSIONS_PER_BATCH = 5000;
    /** Bulk-ingest transactions in flight at once; the demo's pool of 4 connections has room for them. */
    private static final int INGEST_WORKERS = 2;

    private static final String[] FIRST = {"Ana", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonah",
            "Kara", "Luis", "Maya", "Nikhil", "Olga", "Pablo", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen",
            "Ximena", "Yusuf", "Zoe", "Aidan", "Bea", "Caleb", "Dana"};
    private static final String[] LAST = {"Alvarez", "Brooks", "Chen", "Diaz", "Eriksen", "Fischer", "Garcia", "Haddad",
            "Ivanova", "Jensen", "Kowalski", "Lopez", "Mbeki", "Nakamura", "Okafor", "Patel", "Quist", "Rossi", "Silva",
            "Takahashi", "Ueda", "Varga", "Walsh", "Xu", "Yilmaz", "Zimmer", "Abbott", "Bauer", "Costa", "Dubois"};
    private static final String[] STREETS = {"Harbor Way", "Pine St", "Oak Ave", "Main St", "Cedar Ln", "Lakeview Dr",
            "Maple St", "1st Ave", "Ridge Rd", "Elm St", "Bay St", "Mill Rd", "Station Rd", "Park Blvd", "Hill St"};
    private static final String[] TAGS = {"night", "mutual-aid", "hazmat", "mci", "elderly", "school", "highway", "water"};
    private static final String[] COLORS = {"white", "black", "silver", "red", "blue", "grey"};
    private static final String[] MAKES = {"Toyota Camry", "Ford F-150", "Honda Civic", "Chevy Tahoe", "Subaru Outback", "Tesla Model 3"};
    private static final String[] CHECKLIST = {"Confirm the address", "PPE on", "Scene is safe", "Update dispatch", "Hand over"};
    private static final String[] CHANNELS = {"Dispatch 1", "Dispatch 2", "Tactical", "Mutual Aid", "Archive", "Vendor Feed"};
    private static final int[] CHANNEL_WEIGHTS = {35, 25, 15, 10, 10, 5};

    private final FleetDatabase fleet;
    private final long seed;
    private final double scale;
    private final OffsetDateTime anchor;
    private final PrintWriter progress;

    public FleetDemoGenerator(FleetDatabase fleet, long seed, double scale, OffsetDateTime anchor, PrintWriter progress) {
        if (scale <= 0 || scale > 100) {
            throw new IllegalArgumentException("--scale must be above 0 and at most 100, was " + scale);
        }
        this.fleet = fleet;
        this.seed = seed;
        this.scale = scale;
        this.anchor = anchor;
        this.progress = progress;
    }

    int scaled(int base, int minimum) {
        return Math.max(minimum, (int) Math.round(base * scale));
    }

    /** Generates every demo organization, marking each {@link DemoFleet#COMPLETE} last; returns them. */
    public DemoFleet generate() {
        try {
            return generateAll();
        } catch (RuntimeException failure) {
            progress.println(); // the error message must not continue a progress line
            throw failure;
        }
    }

    private DemoFleet generateAll() {
        List<OrgState> orgs = new ArrayList<>();
        for (int i = 0; i < DemoProfile.ALL.size(); i++) {
            orgs.add(setUp(DemoProfile.ALL.get(i), new Random(seed * 1_000_003L + i)));
        }
        ProgressBar incidents = new ProgressBar(progress, "incidents", orgs.stream().mapToLong(o -> o.incidentCount).sum());
        for (OrgState org : orgs) {
            generateIncidents(org, incidents);
            dispatchCrews(org);
        }
        incidents.finish();
        ProgressBar traffic = new ProgressBar(progress, "transmissions", orgs.stream().mapToLong(o -> o.transmissionCount).sum());
        for (OrgState org : orgs) {
            generateTransmissions(org, traffic);
        }
        traffic.finish();
        suggestAndApprove(orgs.get(0));
        for (OrgState org : orgs) {
            fleet.execute(org.id, SETUP, tx -> tx.organization().setFeatureFlag(DemoFleet.COMPLETE, true));
        }
        return new DemoFleet(orgs.stream().map(o -> new DemoFleet.Organization(o.id, o.profile.name(), o.profile.slug(),
                o.profile.prefix(), seed, scale, anchor)).toList());
    }

    /**
     * Human in the loop (organizations start in hitl): the triage service proposes a task for the
     * most urgent open incident, citing the newest transmission on Dispatch 1; it stays pending
     * until the first dispatcher approves it, which executes it (the task is created) and audits both.
     */
    private void suggestAndApprove(OrgState org) {
        UUID suggestion = fleet.inTransaction(org.id, TRIAGE, tx -> {
            Incident urgent = tx.incidents().openByPriority(PageRequest.first(1)).items().get(0);
            RadioChannel dispatch = tx.channels().findByName("Dispatch 1").orElseThrow();
            UUID evidence = tx.transmissions().channelTraffic(dispatch.id(), anchor.minusDays(7), anchor.plusMinutes(1),
                    PageRequest.first(1)).items().get(0).id();
            return tx.suggestions().propose(NewSuggestion.createTask("triage-ai", urgent.id(), "Request a second ladder company", 1)
                    .because(evidence, null, 0.82, "caller reports people on the upper floors")).id();
        });
        User dispatcher = org.dispatchers.get(0);
        fleet.execute(org.id, Actor.user(dispatcher.id(), dispatcher.oidcSubject()),
                tx -> tx.suggestions().approve(suggestion, "confirmed with the incident commander"));
    }

    /** What the generator keeps about one organization while it works. */
    private static final class OrgState {
        final DemoProfile profile;
        final Random random;
        final UUID id;
        final List<User> dispatchers = new ArrayList<>();
        final List<User> responders = new ArrayList<>();
        final List<RadioChannel> channels = new ArrayList<>();
        final List<Crew> crews = new ArrayList<>();
        final List<Incident> dispatchable = new ArrayList<>();
        int incidentCount;
        int transmissionCount;

        OrgState(DemoProfile profile, Random random, UUID id) {
            this.profile = profile;
            this.random = random;
            this.id = id;
        }
    }

    private OrgState setUp(DemoProfile profile, Random random) {
        UUID id = fleet.createOrganization(SETUP, new NewOrganization(profile.name(), profile.slug(), null,
                Map.of("ai_transcription", true, "auto_dispatch", random.nextBoolean()), DemoFleet.metadata(seed, scale, anchor))).id();
        OrgState org = new OrgState(profile, random, id);
        org.incidentCount = scaled(400, 24);
        org.transmissionCount = scaled(25000, 120);
        fleet.execute(id, SETUP, tx -> {
            createUsers(tx, org, scaled(60, 12));
            createChannels(tx, org);
            createCrews(tx, org, scaled(10, 4));
            createAssets(tx, org, scaled(40, 10));
            createWebhooksAndPolicies(tx, org);
        });
        return org;
    }

    private void createUsers(FleetTransaction tx, OrgState org, int count) {
        List<Integer> names = new ArrayList<>();
        for (int i = 0; i < FIRST.length * LAST.length; i++) {
            names.add(i);
        }
        Collections.shuffle(names, org.random);
        int dispatchers = Math.max(2, count * 15 / 100);
        int supervisors = Math.max(1, count / 10);
        for (int i = 0; i < count; i++) {
            int k = names.get(i % names.size()); // past 900 users the names repeat; subjects and emails carry a number
            String first = FIRST[k % FIRST.length];
            String last = LAST[(k / FIRST.length + k) % LAST.length];
            String role = i < dispatchers ? "dispatcher" : i < dispatchers + supervisors ? "supervisor" : "responder";
            int number = i < dispatchers ? i + 1 : i < dispatchers + supervisors ? i - dispatchers + 1 : i - dispatchers - supervisors + 1;
            String subject = String.format("%s-%02d", role, number);
            User user = tx.users().create(NewUser.of(subject, (first + "." + last + number).toLowerCase() + "@" + org.profile.slug() + ".example.org",
                    first + " " + last, role));
            if (role.equals("dispatcher")) {
                org.dispatchers.add(user);
            } else if (role.equals("responder")) {
                org.responders.add(user);
            }
        }
    }

    private void createChannels(FleetTransaction tx, OrgState org) {
        String slug = org.profile.slug();
        List<NewRadioChannel> channels = List.of(
                new NewRadioChannel(CHANNELS[0], ChannelSourceType.SIP, Map.of("uri", "sip:dispatch1@pbx." + slug + ".example.org", "codec", "opus")),
                new NewRadioChannel(CHANNELS[1], ChannelSourceType.SIP, Map.of("uri", "sip:dispatch2@pbx." + slug + ".example.org", "codec", "pcmu")),
                new NewRadioChannel(CHANNELS[2], ChannelSourceType.HTTP, Map.of("url", "https://streams.example.org/" + slug + "/tac", "format", "aac")),
                new NewRadioChannel(CHANNELS[3], ChannelSourceType.ICECAST, Map.of("url", "https://icecast.example.org:8000/regional/mutual-aid", "format", "mp3", "sample_rate", 22050)),
                new NewRadioChannel(CHANNELS[4], ChannelSourceType.FILE, Map.of("path", "/var/spool/radio/" + slug, "pattern", "*.wav")),
                new NewRadioChannel(CHANNELS[5], ChannelSourceType.API, Map.of("endpoint", "https://api.radio-vendor.example/v1/" + slug,
                        "auth", "bearer", "token_ref", "radio-vendor-token")));
        for (NewRadioChannel channel : channels) {
            org.channels.add(tx.channels().create(channel));
        }
    }

    private void createCrews(FleetTransaction tx, OrgState org, int count) {
        List<String> kinds = org.profile.unitKinds();
        for (int i = 0; i < count; i++) {
            List<User> pool = new ArrayList<>(org.responders);
            Collections.shuffle(pool, org.random);
            List<UUID> members = pool.subList(0, Math.min(pool.size(), 3 + org.random.nextInt(2))).stream().map(User::id).toList();
            String name = kinds.get(i % kinds.size()) + " " + (i / kinds.size() + 1);
            org.crews.add(tx.crews().create(new NewCrew(name, members.get(0), members)));
        }
    }

    private void createAssets(FleetTransaction tx, OrgState org, int count) {
        Random random = org.random;
        String[] equipment = {"Thermal camera", "Hydraulic rescue tool", "Defibrillator", "Gas detector"};
        List<String> kinds = org.profile.unitKinds();
        int vehicles = 0;
        int radios = 0;
        int tools = 0;
        int drones = 0;
        for (int i = 0; i < count; i++) {
            int slot = i % 20;
            NewAsset asset;
            if (slot < 10) {
                String kind = kinds.get(vehicles % kinds.size());
                int number = vehicles / kinds.size() + 1;
                vehicles++;
                asset = NewAsset.of(kind + " " + number, AssetType.VEHICLE, kind.charAt(0) + "" + number);
            } else if (slot < 15) {
                radios++;
                asset = NewAsset.of(String.format("Portable radio %03d", radios), AssetType.RADIO, String.format("RAD-%03d", radios));
            } else if (slot < 18) {
                tools++;
                asset = NewAsset.of(equipment[tools % equipment.length] + " " + tools, AssetType.EQUIPMENT, null);
            } else {
                drones++;
                asset = NewAsset.of("Drone " + drones, AssetType.DRONE, "UAV-" + drones);
            }
            Asset registered = tx.assets().register(asset);
            if (registered.type() == AssetType.VEHICLE || registered.type() == AssetType.DRONE) {
                Location where = near(org, random);
                Map<String, Object> values = registered.type() == AssetType.VEHICLE
                        ? Map.of("speed_kmh", random.nextInt(90), "heading_deg", random.nextInt(360), "fuel_pct", 20 + random.nextInt(80))
                        : Map.of("altitude_m", random.nextInt(120), "battery_pct", 15 + random.nextInt(85));
                registered = tx.assets().reportTelematics(registered.id(),
                        new TelematicsReading(anchor.minusSeconds(random.nextInt(3600)), where, values));
            }
            int roll = random.nextInt(100);
            if (roll >= 60 && roll < 75 && !org.crews.isEmpty()) {
                tx.assets().assignToCrew(registered.id(), registered.version(), org.crews.get(random.nextInt(org.crews.size())).id());
            } else if (roll >= 75) {
                AssetStatus status = roll < 85 ? AssetStatus.IN_USE : roll < 95 ? AssetStatus.MAINTENANCE : AssetStatus.OUT_OF_SERVICE;
                tx.assets().setStatus(registered.id(), registered.version(), status);
            }
        }
    }

    private void createWebhooksAndPolicies(FleetTransaction tx, OrgState org) {
        String slug = org.profile.slug();
        var cad = tx.webhooks().subscribe(NewWebhook.of("https://cad-bridge." + slug + ".example.org/events",
                "whsec-" + Long.toHexString(org.random.nextLong()), "incident.created", "incident.closed"));
        tx.webhooks().recordSuccess(cad.id());
        tx.webhooks().subscribe(NewWebhook.of("https://sms-gateway.example.net/" + slug, null, "task.sla_breached"));
        var analytics = tx.webhooks().subscribe(NewWebhook.of("https://analytics.example.com/ingest/" + slug, null, "transmission.ingested"));
        for (int i = 0; i < 5; i++) {
            tx.webhooks().recordFailure(analytics.id(), "HTTP 503 Service Unavailable");
        }
        String first = org.profile.incidentTypes().get(0);
        tx.policies().create(NewPolicy.of("Escalate " + DemoProfile.label(first).toLowerCase(), """
                rules:
                  - name: always-priority-1
                    when: { incident_type: %s }
                    then:
                      - set_priority: 1
                      - notify: duty-chief
                """.formatted(first), 10));
        tx.policies().create(NewPolicy.of("Night shift tagging", """
                rules:
                  - name: tag-night-calls
                    when: { reported_hour_between: [22, 6] }
                    then: { add_tag: night }
                """, 50));
        tx.policies().create(NewPolicy.of("Mutual aid on major incidents", """
                rules:
                  - name: request-mutual-aid
                    when: { operation_mode: autonomous_assist, priority: 1 }
                    then:
                      - add_tag: mutual-aid
                      - notify: regional-coordination
                """, 100));
    }

    private void generateIncidents(OrgState org, ProgressBar bar) {
        int n = org.incidentCount;
        long spacing = WEEK_SECONDS / n;
        for (int start = 0; start < n; start += INCIDENTS_PER_TRANSACTION) {
            int from = start;
            int to = Math.min(n, start + INCIDENTS_PER_TRANSACTION);
            User dispatcher = org.dispatchers.get(org.random.nextInt(org.dispatchers.size()));
            List<Incident> open = fleet.inTransaction(org.id, Actor.user(dispatcher.id(), dispatcher.oidcSubject()), tx -> {
                List<Incident> dispatchable = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    OffsetDateTime reported = anchor.minusSeconds(WEEK_SECONDS).plusSeconds(i * spacing + org.random.nextLong(Math.max(1, spacing / 2)));
                    Incident incident = incident(tx, org, i, n, reported, dispatcher);
                    if (incident.status() == DISPATCHED || incident.status() == ON_SCENE) {
                        dispatchable.add(incident);
                    }
                }
                return dispatchable;
            });
            org.dispatchable.addAll(open);
            bar.advance(to - from);
        }
    }

    private Incident incident(FleetTransaction tx, OrgState org, int i, int n, OffsetDateTime reported, User dispatcher) {
        Random random = org.random;
        String type = org.profile.incidentTypes().get(random.nextInt(org.profile.incidentTypes().size()));
        int roll = random.nextInt(100);
        int priority = roll < 10 ? 1 : roll < 35 ? 2 : roll < 70 ? 3 : roll < 90 ? 4 : 5;
        Location where = near(org, random);
        List<String> tags = new ArrayList<>();
        for (int t = random.nextInt(3); t > 0; t--) {
            String tag = TAGS[random.nextInt(TAGS.length)];
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        NewIncident spec = new NewIncident(String.format("%s-%06d", org.profile.prefix(), i + 1),
                DemoProfile.label(type) + " at " + where.address(), null, type, i == 0 ? 1 : priority, where, tags,
                dispatcher.id(), reported, Map.of("source", random.nextInt(4) == 0 ? "radio" : "911-call"));
        Incident incident = tx.incidents().open(spec);

        List<IncidentStatus> path = path(plannedStatus(i, n, reported, random), i == 0, random);
        IncidentStatus end = path.isEmpty() ? NEW : path.get(path.size() - 1);
        int tasks = i == 0 ? 3 : weightedTaskCount(random);
        List<String> titles = new ArrayList<>(org.profile.taskTitles());
        Collections.shuffle(titles, random);
        for (int k = 0; k < tasks; k++) {
            OffsetDateTime due = reported.plusMinutes(15 + random.nextInt(105)).plusSeconds(k);
            Task task = tx.tasks().create(incident.id(), new NewTask(titles.get(k), null, Math.min(5, incident.priority() + random.nextInt(2)), due));
            task = advanceTask(tx, org, task, taskStatus(end, random));
            if (random.nextInt(10) < 4) {
                checklist(tx, task, random);
            }
        }
        for (IncidentStatus step : path) {
            incident = tx.incidents().transition(incident.id(), incident.version(), step);
        }
        return incident;
    }

    /** Older incidents are mostly closed, the last hours' mostly open; six incidents pin down every status. */
    private IncidentStatus plannedStatus(int i, int n, OffsetDateTime reported, Random random) {
        IncidentStatus[] forced = {NEW, DISPATCHED, ON_SCENE, RESOLVED, CLOSED, CANCELLED};
        if (i == 0) {
            return CLOSED;
        }
        if (i >= n - forced.length) {
            return forced[i - (n - forced.length)];
        }
        long hoursAgo = java.time.Duration.between(reported, anchor).toHours();
        int roll = random.nextInt(100);
        if (hoursAgo < 3) {
            return roll < 35 ? NEW : roll < 70 ? DISPATCHED : roll < 95 ? ON_SCENE : CANCELLED;
        }
        if (hoursAgo < 24) {
            return roll < 10 ? DISPATCHED : roll < 35 ? ON_SCENE : roll < 75 ? RESOLVED : roll < 95 ? CLOSED : CANCELLED;
        }
        return roll < 10 ? RESOLVED : roll < 93 ? CLOSED : CANCELLED;
    }

    private static List<IncidentStatus> path(IncidentStatus status, boolean featured, Random random) {
        if (featured) {
            return List.of(DISPATCHED, ON_SCENE, RESOLVED, ON_SCENE, RESOLVED, CLOSED);
        }
        return switch (status) {
            case NEW -> List.of();
            case DISPATCHED -> List.of(DISPATCHED);
            case ON_SCENE -> List.of(DISPATCHED, ON_SCENE);
            case RESOLVED -> List.of(DISPATCHED, ON_SCENE, RESOLVED);
            case CLOSED -> List.of(DISPATCHED, ON_SCENE, RESOLVED, CLOSED);
            case CANCELLED -> random.nextBoolean() ? List.of(CANCELLED) : List.of(DISPATCHED, CANCELLED);
        };
    }

    private static int weightedTaskCount(Random random) {
        int roll = random.nextInt(100);
        return roll < 25 ? 0 : roll < 55 ? 1 : roll < 85 ? 2 : 3;
    }

    private static TaskStatus taskStatus(IncidentStatus incident, Random random) {
        int roll = random.nextInt(100);
        return switch (incident) {
            case NEW -> TaskStatus.PENDING;
            case DISPATCHED -> roll < 60 ? TaskStatus.ASSIGNED : TaskStatus.PENDING;
            case ON_SCENE -> roll < 30 ? TaskStatus.COMPLETED : roll < 65 ? TaskStatus.IN_PROGRESS : roll < 75 ? TaskStatus.BLOCKED : TaskStatus.ASSIGNED;
            case RESOLVED, CLOSED -> roll < 90 ? TaskStatus.COMPLETED : TaskStatus.CANCELLED;
            case CANCELLED -> TaskStatus.CANCELLED;
        };
    }

    private static Task advanceTask(FleetTransaction tx, OrgState org, Task task, TaskStatus target) {
        if (target == TaskStatus.PENDING) {
            return task;
        }
        if (target == TaskStatus.CANCELLED) {
            return tx.tasks().cancel(task.id(), task.version());
        }
        User assignee = org.responders.get(org.random.nextInt(org.responders.size()));
        Task current = tx.tasks().assign(task.id(), task.version(), assignee.id());
        if (target == TaskStatus.ASSIGNED) {
            return current;
        }
        current = tx.tasks().start(current.id(), current.version());
        if (target == TaskStatus.BLOCKED) {
            return tx.tasks().block(current.id(), current.version());
        }
        if (target == TaskStatus.COMPLETED) {
            return tx.tasks().complete(current.id(), current.version());
        }
        return current;
    }

    private static void checklist(FleetTransaction tx, Task task, Random random) {
        List<String> items = new ArrayList<>(List.of(CHECKLIST));
        Collections.shuffle(items, random);
        int done = task.status() == TaskStatus.COMPLETED ? 3 : task.status() == TaskStatus.IN_PROGRESS ? 1 : 0;
        for (int k = 0; k < 3; k++) {
            var item = tx.checklists().add(task.id(), items.get(k));
            if (k < done) {
                tx.checklists().complete(item.id());
            }
        }
    }

    private void dispatchCrews(OrgState org) {
        List<Incident> targets = new ArrayList<>(org.dispatchable);
        Collections.shuffle(targets, org.random);
        fleet.execute(org.id, SETUP, tx -> {
            int dispatched = Math.min(targets.size(), org.crews.size() - 2);
            for (int c = 0; c < dispatched; c++) {
                Crew crew = tx.crews().dispatch(org.crews.get(c).id(), targets.get(c).id());
                if (targets.get(c).status() == ON_SCENE) {
                    tx.crews().arriveOnScene(crew.id());
                }
            }
            tx.crews().goOffDuty(org.crews.get(org.crews.size() - 1).id());
        });
    }

    private void generateTransmissions(OrgState org, ProgressBar bar) {
        Random random = org.random;
        int total = org.transmissionCount;
        double spacing = WEEK_SECONDS / (double) total;
        List<String> plates = new ArrayList<>();
        for (int p = 0; p < 300; p++) {
            plates.add(plate(random));
        }
        // Batches are generated in this thread, from one Random, so the data stays deterministic, and
        // loaded by INGEST_WORKERS transactions at a time: while one transaction's rows are checked
        // and indexed by the server, the next batch is generated and encoded here. With one worker,
        // client and server took turns and neither core was ever busy.
        ExecutorService ingest = Executors.newFixedThreadPool(INGEST_WORKERS);
        Deque<Future<?>> inFlight = new ArrayDeque<>();
        try {
            List<NewTransmission> batch = new ArrayList<>(TRANSMISSIONS_PER_BATCH);
            for (int j = 0; j < total; j++) {
                int channel = weightedChannel(random);
                OffsetDateTime started = anchor.minusSeconds(WEEK_SECONDS).plusNanos((long) ((j + random.nextDouble() * 0.9) * spacing * 1e9));
                batch.add(transmission(org, channel, j, started, plates, random));
                if (batch.size() == TRANSMISSIONS_PER_BATCH || j == total - 1) {
                    List<NewTransmission> load = List.copyOf(batch);
                    batch.clear();
                    if (inFlight.size() == INGEST_WORKERS) {
                        await(inFlight.removeFirst());
                    }
                    inFlight.addLast(ingest.submit(() -> {
                        fleet.execute(org.id, Actor.service("recorder-" + org.profile.slug()), tx -> tx.transmissions().bulkIngest(load));
                        bar.advance(load.size());
                    }));
                }
            }
            while (!inFlight.isEmpty()) {
                await(inFlight.removeFirst());
            }
        } finally {
            ingest.shutdownNow();
        }
    }

    private static void await(Future<?> ingest) {
        try {
            ingest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading transmissions", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    private NewTransmission transmission(OrgState org, int channel, int j, OffsetDateTime started, List<String> plates, Random random) {
        List<String> kinds = org.profile.unitKinds();
        String unit = kinds.get(random.nextInt(kinds.size())) + " " + (1 + random.nextInt(9));
        String address = (100 + random.nextInt(9900)) + " " + STREETS[random.nextInt(STREETS.length)];
        String plate = random.nextInt(40) == 0 ? HOT_PLATE : plates.get(random.nextInt(plates.size()));
        String type = DemoProfile.label(org.profile.incidentTypes().get(random.nextInt(org.profile.incidentTypes().size()))).toLowerCase();
        String text;
        List<String[]> mentions = new ArrayList<>();
        switch (random.nextInt(7)) {
            case 0 -> {
                text = unit + ", respond to " + address + " for a " + type + ".";
                mentions.add(new String[] {"UNIT", unit});
                mentions.add(new String[] {"ADDRESS", address});
            }
            case 1 -> {
                text = unit + " on scene at " + address + ", " + (random.nextBoolean() ? "nothing showing" : "smoke showing") + ".";
                mentions.add(new String[] {"UNIT", unit});
                mentions.add(new String[] {"ADDRESS", address});
            }
            case 2 -> {
                text = "Dispatch, " + unit + ", run plate " + plate + ", " + COLORS[random.nextInt(COLORS.length)] + " "
                        + MAKES[random.nextInt(MAKES.length)] + " at " + address + ".";
                mentions.add(new String[] {"UNIT", unit});
                mentions.add(new String[] {"PLATE", plate});
                mentions.add(new String[] {"ADDRESS", address});
            }
            case 3 -> {
                text = unit + " requesting additional units at " + address + ".";
                mentions.add(new String[] {"UNIT", unit});
                mentions.add(new String[] {"ADDRESS", address});
            }
            case 4 -> {
                text = "Copy " + unit + ", patient is a " + (18 + random.nextInt(70)) + " year old " + (random.nextBoolean() ? "male" : "female")
                        + ", conscious and breathing.";
                mentions.add(new String[] {"UNIT", unit});
            }
            case 5 -> {
                text = unit + " available, returning to station " + (1 + random.nextInt(12)) + ".";
                mentions.add(new String[] {"UNIT", unit});
            }
            default -> {
                String street = STREETS[random.nextInt(STREETS.length)];
                text = "All units, be on the lookout for a " + COLORS[random.nextInt(COLORS.length)] + " "
                        + MAKES[random.nextInt(MAKES.length)] + ", plate " + plate + ", last seen on " + street + ".";
                mentions.add(new String[] {"PLATE", plate});
                mentions.add(new String[] {"ADDRESS", street});
            }
        }
        List<TransmissionEntity> entities = new ArrayList<>();
        for (String[] mention : mentions) {
            int at = text.indexOf(mention[1]);
            entities.add(new TransmissionEntity(mention[0], mention[1], 0.7 + random.nextInt(30) / 100.0, at, at + mention[1].length()));
        }
        return NewTransmission.of(org.channels.get(channel).id(), started, started.plusSeconds(3 + random.nextInt(38)))
                .withAudio("s3://radio-audio/" + org.profile.slug() + "/" + CHANNELS[channel].toLowerCase().replace(' ', '-') + "/" + j + ".opus")
                .transcribed(text, 0.72 + random.nextInt(28) / 100.0, "en", entities);
    }

    private static int weightedChannel(Random random) {
        int roll = random.nextInt(100);
        for (int c = 0; c < CHANNEL_WEIGHTS.length; c++) {
            roll -= CHANNEL_WEIGHTS[c];
            if (roll < 0) {
                return c;
            }
        }
        return 0;
    }

    private static String plate(Random random) {
        StringBuilder plate = new StringBuilder().append(random.nextInt(10));
        for (int i = 0; i < 3; i++) {
            plate.append((char) ('A' + random.nextInt(26)));
        }
        return plate.append(String.format("%03d", random.nextInt(1000))).toString();
    }

    private static Location near(OrgState org, Random random) {
        String address = (100 + random.nextInt(9900)) + " " + STREETS[random.nextInt(STREETS.length)];
        double lat = Math.round((org.profile.latitude() + (random.nextDouble() - 0.5) / 10) * 1e5) / 1e5;
        double lon = Math.round((org.profile.longitude() + (random.nextDouble() - 0.5) / 10) * 1e5) / 1e5;
        return new Location(address, org.profile.city(), null, null, null, lat, lon);
    }
}
