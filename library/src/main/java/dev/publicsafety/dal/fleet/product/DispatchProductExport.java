package dev.publicsafety.dal.fleet.product;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.NewUser;
import dev.publicsafety.dal.fleet.policy.NewPolicy;
import dev.publicsafety.dal.fleet.product.ExportRecord.Refused;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.fleet.task.NewTask;
import dev.publicsafety.dal.fleet.unit.NewAsset;
import dev.publicsafety.dal.fleet.unit.NewCrew;
import dev.publicsafety.dal.fleet.value.TransmissionEntities;
import dev.publicsafety.dal.fleet.webhook.NewWebhook;
import dev.publicsafety.dal.generated.fleet.enums.AssetStatus;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import dev.publicsafety.dal.generated.fleet.enums.OperationMode;
import dev.publicsafety.dal.generated.fleet.enums.TransmissionStatus;
import dev.publicsafety.dal.geo.Location;
import dev.publicsafety.dal.jsonb.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A directory of the dispatch product's exported records (its API response shapes, one JSON array
 * per record type), read and checked whole before anything is written: every record becomes the
 * steps that create it through the repositories, or a refusal naming file, record and field.
 *
 * <p>Every id is the product's, kept, except the organization's: ours is
 * {@link FleetDatabase#organizationId} of its slug (so {@code findOrganizationBySlug} finds it), and
 * records name their organization by the product's id, mapped through {@code organizations.json}.
 * An export is self-contained: a reference must point at a record of the same organization in it.
 */
public final class DispatchProductExport {

    /** The files read, in the order their records are written; all but organizations.json may be absent. */
    public static final List<String> FILES = List.of("organizations.json", "users.json", "radio_channels.json", "assets.json",
            "crews.json", "incidents.json", "tasks.json", "transmissions.json", "policies.json", "webhooks.json");

    /** The product's priorities, most urgent first; ours are 1 (most urgent) to 5. */
    static final Map<String, Integer> PRIORITIES = ordered("CRITICAL", 1, "URGENT", 2, "HIGH", 3, "NORMAL", 4, "LOW", 5);

    private static final Map<String, OperationMode> OPERATION_MODES = ordered("monitor_only", OperationMode.MONITOR_ONLY,
            "hitl", OperationMode.HITL, "autonomous_assist", OperationMode.AUTONOMOUS_ASSIST);
    private static final Map<String, ChannelSourceType> SOURCE_TYPES = ordered("SIP", ChannelSourceType.SIP,
            "ICECAST", ChannelSourceType.ICECAST, "FILE", ChannelSourceType.FILE, "API", ChannelSourceType.API,
            "HTTP", ChannelSourceType.HTTP);
    private static final Map<String, AssetType> ASSET_TYPES = ordered("VEHICLE", AssetType.VEHICLE, "RADIO", AssetType.RADIO,
            "DEVICE", AssetType.EQUIPMENT, "EQUIPMENT", AssetType.EQUIPMENT);
    /** The product's asset statuses; available is where a registered asset starts. */
    private static final Map<String, AssetStatus> ASSET_STATUSES = ordered("available", AssetStatus.AVAILABLE,
            "in_use", AssetStatus.IN_USE, "maintenance", AssetStatus.MAINTENANCE, "offline", AssetStatus.OUT_OF_SERVICE);
    private static final Map<String, String> CREW_STATUSES = ordered("available", "available", "off_duty", "off_duty",
            "dispatched", "available", "on_scene", "available");
    /** The path through our incident workflow from new to the product's status. */
    private static final Map<String, List<IncidentStatus>> INCIDENT_PATHS = ordered("open", List.of(),
            "acknowledged", List.of(),
            "in_progress", List.of(IncidentStatus.DISPATCHED, IncidentStatus.ON_SCENE),
            "resolved", List.of(IncidentStatus.DISPATCHED, IncidentStatus.ON_SCENE, IncidentStatus.RESOLVED),
            "closed", List.of(IncidentStatus.DISPATCHED, IncidentStatus.ON_SCENE, IncidentStatus.RESOLVED, IncidentStatus.CLOSED));
    private static final Map<String, String> TASK_STATUSES = ordered("pending", "pending", "in_progress", "in_progress",
            "completed", "completed", "cancelled", "cancelled");
    private static final Map<String, TransmissionStatus> TRANSMISSION_STATUSES = ordered("pending", TransmissionStatus.RECEIVED,
            "processing", TransmissionStatus.RECEIVED, "completed", TransmissionStatus.TRANSCRIBED, "failed", TransmissionStatus.FAILED);

    private static final Set<String> STAMPS = Set.of("id", "created_at", "updated_at");

    /**
     * One step of an import: {@code create} writes it unless {@code exists} finds it already there.
     * {@code counted} steps are records ({@code file} and {@code id} name them); the others finish one
     * (an incident's status, walked after its tasks are created).
     */
    public record Step(String file, UUID id, String label, boolean counted, Predicate<FleetTransaction> exists,
                       Consumer<FleetTransaction> create) {
    }

    /** One organization of the export: our id for it, the product's, and its steps in order. */
    public record OrganizationImport(UUID orgId, UUID productId, String slug, List<Step> steps) {
    }

    /** What the directory holds: organizations to import, or why not (then nothing may be written). */
    public record Contents(List<OrganizationImport> organizations, List<ImportRefusal> refusals) {
    }

    private final List<ImportRefusal> refusals = new ArrayList<>();
    private final Map<UUID, String> seen = new HashMap<>();
    /** By the product's organization id, in the order of organizations.json. */
    private final Map<UUID, Builder> organizations = new LinkedHashMap<>();
    /** The organization (product id) of each record of a kind others refer to. */
    private final Map<UUID, UUID> users = new HashMap<>();
    private final Map<UUID, Boolean> activeUsers = new HashMap<>();
    private final Map<UUID, UUID> channels = new HashMap<>();
    private final Map<UUID, UUID> assets = new HashMap<>();
    private final Map<UUID, AssetStatus> assetStatuses = new HashMap<>();
    private final Map<UUID, UUID> incidents = new HashMap<>();

    private static final class Builder {
        final UUID orgId;
        final String slug;
        final List<Step> steps = new ArrayList<>();
        /** By incident: its tasks, then the walk to its status, which must come after them. */
        final Map<UUID, List<Step>> tasks = new HashMap<>();
        final Map<UUID, Step> statusWalks = new HashMap<>();

        Builder(UUID orgId, String slug) {
            this.orgId = orgId;
            this.slug = slug;
        }
    }

    private DispatchProductExport() {
    }

    /** Reads and checks every file of {@code directory}; writes nothing. */
    public static Contents read(Path directory) {
        return new DispatchProductExport().readAll(directory);
    }

    private Contents readAll(Path directory) {
        Map<String, List<ExportRecord>> files = new LinkedHashMap<>();
        for (String file : FILES) {
            files.put(file, load(directory, file));
        }
        each(files, "organizations.json", this::organization);
        each(files, "users.json", this::user);
        each(files, "radio_channels.json", this::channel);
        each(files, "assets.json", this::asset);
        each(files, "crews.json", this::crew);
        each(files, "incidents.json", this::incident);
        each(files, "tasks.json", this::task);
        each(files, "transmissions.json", this::transmission);
        each(files, "policies.json", this::policy);
        each(files, "webhooks.json", this::webhook);
        List<OrganizationImport> imports = new ArrayList<>();
        for (Map.Entry<UUID, Builder> entry : organizations.entrySet()) {
            Builder builder = entry.getValue();
            List<Step> steps = new ArrayList<>();
            for (Step step : builder.steps) {
                steps.add(step);
                if (step.file().equals("incidents.json")) {
                    steps.addAll(builder.tasks.getOrDefault(step.id(), List.of()));
                    if (builder.statusWalks.containsKey(step.id())) {
                        steps.add(builder.statusWalks.get(step.id()));
                    }
                }
            }
            imports.add(new OrganizationImport(builder.orgId, entry.getKey(), builder.slug, List.copyOf(steps)));
        }
        return new Contents(List.copyOf(imports), List.copyOf(refusals));
    }

    private List<ExportRecord> load(Path directory, String file) {
        Path path = directory.resolve(file);
        if (!Files.exists(path)) {
            if (file.equals("organizations.json")) {
                refusals.add(new ImportRefusal(file, -1, null, null, "missing from " + directory + "; an export needs its organizations"));
            }
            return List.of();
        }
        JsonNode array;
        try {
            array = JsonMapper.shared().readTree(path.toFile());
        } catch (JsonProcessingException e) {
            refusals.add(new ImportRefusal(file, -1, null, null, "not JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage()));
            return List.of();
        } catch (IOException e) {
            refusals.add(new ImportRefusal(file, -1, null, null, "cannot be read: " + e.getMessage()));
            return List.of();
        }
        if (array == null || !array.isArray()) {
            refusals.add(new ImportRefusal(file, -1, null, null, "must hold a JSON array of records"));
            return List.of();
        }
        List<ExportRecord> records = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isObject()) {
                refusals.add(new ImportRefusal(file, i, null, null, "must be a JSON object"));
            } else {
                records.add(new ExportRecord(file, i, array.get(i)));
            }
        }
        return records;
    }

    private interface RecordReader {
        void read(ExportRecord record);
    }

    private void each(Map<String, List<ExportRecord>> files, String file, RecordReader reader) {
        for (ExportRecord record : files.get(file)) {
            try {
                reader.read(record);
            } catch (Refused refused) {
                refusals.add(record.refusal(refused.field, refused.getMessage()));
            }
        }
    }

    /** The record's id, once in the whole export. */
    private UUID id(ExportRecord record) {
        UUID id = record.uuid("id");
        String first = seen.putIfAbsent(id, record.file + "[" + record.index + "]");
        if (first != null) {
            throw new Refused("id", "the same id as " + first);
        }
        return id;
    }

    private static Set<String> keys(String... names) {
        Set<String> keys = new HashSet<>(STAMPS);
        keys.addAll(List.of(names));
        return keys;
    }

    /** The organization the record names, which must be in organizations.json. */
    private Builder organizationOf(ExportRecord record) {
        UUID productOrg = record.uuid("organization_id");
        Builder builder = organizations.get(productOrg);
        if (builder == null) {
            throw new Refused("organization_id", "no organization " + productOrg + " in organizations.json");
        }
        return builder;
    }

    /** A reference to a record of {@code kind} of the same organization in the export. */
    private static void requireIn(Map<UUID, UUID> kind, String what, UUID id, UUID productOrg, String field) {
        UUID owner = ownerOf(kind, id, field, what, "the export");
        if (!owner.equals(productOrg)) {
            throw new Refused(field, what + " " + id + " belongs to another organization (" + owner + ")");
        }
    }

    /** The product organization of the {@code what} {@code id} names, refused when {@code where} lacks it. */
    private static UUID ownerOf(Map<UUID, UUID> kind, UUID id, String field, String what, String where) {
        UUID owner = kind.get(id);
        if (owner == null) {
            throw new Refused(field, "no " + what + " " + id + " in " + where);
        }
        return owner;
    }

    private void organization(ExportRecord record) {
        record.onlyKeys(keys("name", "slug", "default_op_mode", "feature_flags"));
        UUID id = id(record);
        OperationMode mode = record.oneOf("default_op_mode", OPERATION_MODES, "monitor_only");
        Map<String, Boolean> flags = new LinkedHashMap<>();
        record.object("feature_flags").forEach((flag, on) -> {
            if (!(on instanceof Boolean enabled)) {
                throw new Refused("feature_flags." + flag, "must be true or false");
            }
            flags.put(flag, enabled);
        });
        NewOrganization organization = record.checked("slug", () -> new NewOrganization(record.text("name"), record.text("slug"),
                mode, flags, Map.of("product_id", id.toString())));
        UUID ours = FleetDatabase.organizationId(organization.slug());
        for (Builder other : organizations.values()) {
            if (other.slug.equals(organization.slug())) {
                throw new Refused("slug", "'" + organization.slug() + "' is also another organization's slug in this file");
            }
        }
        Builder builder = new Builder(ours, organization.slug());
        builder.steps.add(new Step("organizations.json", ours, organization.slug(), true,
                tx -> tx.organization().find().isPresent(), tx -> tx.organization().createThisOrganization(organization)));
        organizations.put(id, builder);
    }

    private void user(ExportRecord record) {
        record.onlyKeys(keys("organization_id", "email", "full_name", "roles", "is_active", "last_login_at", "oidc_sub"));
        UUID id = id(record);
        Builder organization = organizationOf(record);
        String email = record.text("email");
        String subject = record.optionalText("oidc_sub");
        NewUser user = record.checked("email", () -> new NewUser(subject == null ? email : subject, email,
                record.text("full_name"), record.texts("roles")));
        boolean active = record.bool("is_active", true);
        users.put(id, record.uuid("organization_id"));
        activeUsers.put(id, active);
        organization.steps.add(new Step("users.json", id, email, true, tx -> tx.users().findById(id).isPresent(), tx -> {
            tx.users().createWithId(id, user);
            if (!active) {
                tx.users().deactivate(id);
            }
        }));
    }

    private void channel(ExportRecord record) {
        record.onlyKeys(keys("organization_id", "name", "talkgroup", "source_type", "metadata", "is_active"));
        UUID id = id(record);
        Builder organization = organizationOf(record);
        ChannelSourceType type = record.oneOf("source_type", SOURCE_TYPES, null);
        NewRadioChannel channel = record.checked("metadata", () -> new NewRadioChannel(record.text("name"), type, record.object("metadata")));
        String talkgroup = record.optionalText("talkgroup");
        boolean active = record.bool("is_active", true);
        channels.put(id, record.uuid("organization_id"));
        organization.steps.add(new Step("radio_channels.json", id, channel.name(), true,
                tx -> tx.channels().findById(id).isPresent(), tx -> {
                    tx.channels().createWithId(id, channel);
                    if (talkgroup != null) {
                        tx.channels().setTalkgroup(id, talkgroup);
                    }
                    if (!active) {
                        tx.channels().deactivate(id);
                    }
                }));
    }

    private void asset(ExportRecord record) {
        record.onlyKeys(keys("organization_id", "asset_type", "name", "vin_or_serial", "status", "last_known_geo", "metadata"));
        UUID id = id(record);
        Builder organization = organizationOf(record);
        AssetType type = record.oneOf("asset_type", ASSET_TYPES, null);
        NewAsset asset = record.checked("name", () -> new NewAsset(record.text("name"), type, null, record.object("metadata")));
        String vin = record.optionalText("vin_or_serial");
        AssetStatus status = record.oneOf("status", ASSET_STATUSES, "available");
        assets.put(id, record.uuid("organization_id"));
        assetStatuses.put(id, status);
        organization.steps.add(new Step("assets.json", id, asset.name(), true, tx -> tx.assets().findById(id).isPresent(), tx -> {
            int version = tx.assets().registerWithId(id, asset).version();
            if (vin != null) {
                version = tx.assets().setVinOrSerial(id, version, vin).version();
            }
            if (status != AssetStatus.AVAILABLE) {
                tx.assets().setStatus(id, version, status);
            }
        }));
    }

    private void crew(ExportRecord record) {
        record.onlyKeys(keys("organization_id", "name", "members", "assigned_asset_id", "status", "shift_start", "shift_end"));
        UUID id = id(record);
        Builder organization = organizationOf(record);
        UUID productOrg = record.uuid("organization_id");
        List<UUID> members = members(record, productOrg);
        NewCrew crew = record.checked("name", () -> new NewCrew(record.text("name"), null, members));
        UUID asset = record.optionalUuid("assigned_asset_id");
        if (asset != null) {
            requireIn(assets, "asset", asset, productOrg, "assigned_asset_id");
            if (assetStatuses.get(asset) != AssetStatus.AVAILABLE) {
                throw new Refused("assigned_asset_id", "asset " + asset + " is " + assetStatuses.get(asset).getLiteral()
                        + " in assets.json; only an available asset can be assigned to a crew");
            }
        }
        boolean offDuty = record.oneOf("status", CREW_STATUSES, "available").equals("off_duty");
        OffsetDateTime start = record.optionalTime("shift_start");
        OffsetDateTime end = record.optionalTime("shift_end");
        if ((start == null) != (end == null) || start != null && !end.isAfter(start)) {
            throw new Refused(start == null ? "shift_start" : "shift_end", "a shift needs a start and a later end, or neither");
        }
        organization.steps.add(new Step("crews.json", id, crew.name(), true, tx -> tx.crews().findById(id).isPresent(), tx -> {
            tx.crews().createWithId(id, crew);
            if (asset != null) {
                tx.assets().assignToCrew(asset, tx.assets().get(asset).version(), id);
            }
            if (start != null) {
                tx.crews().setShift(id, start, end);
            }
            if (offDuty) {
                tx.crews().goOffDuty(id);
            }
        }));
    }

    /** The crew's members: objects with {@code user_id} (or {@code id}), or bare ids, users of the organization. */
    private List<UUID> members(ExportRecord record, UUID productOrg) {
        JsonNode list = record.optionalNode("members");
        List<UUID> members = new ArrayList<>();
        if (list == null) {
            return members;
        }
        if (!list.isArray()) {
            throw new Refused("members", "must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            String field = "members[" + i + "]";
            JsonNode member = list.get(i);
            JsonNode userId = member.isObject() ? (member.has("user_id") ? member.get("user_id") : member.get("id")) : member;
            if (userId == null || !userId.isTextual()) {
                throw new Refused(field, "must be a user id, or an object with user_id");
            }
            UUID user = ExportRecord.uuidOf(field, userId.asText());
            requireIn(users, "user", user, productOrg, field);
            members.add(user);
        }
        return members;
    }

    private void incident(ExportRecord record) {
        record.onlyKeys(keys("organization_id", "incident_number", "title", "description", "incident_type", "status", "priority",
                "location", "tags", "opened_at", "closed_at"));
        UUID id = id(record);
        Builder organization = organizationOf(record);
        int priority = record.oneOf("priority", PRIORITIES, "NORMAL");
        Location location = location(record);
        NewIncident incident = record.checked("title", () -> new NewIncident(record.text("incident_number"), record.text("title"),
                record.optionalText("description"), record.text("incident_type"), priority, location, record.texts("tags"), null,
                record.optionalTime("opened_at"), Map.of()));
        List<IncidentStatus> path = record.oneOf("status", INCIDENT_PATHS, "open");
        incidents.put(id, record.uuid("organization_id"));
        organization.steps.add(new Step("incidents.json", id, incident.number(), true,
                tx -> tx.incidents().findById(id).isPresent(), tx -> tx.incidents().openWithId(id, incident)));
        if (!path.isEmpty()) {
            // after its tasks: ours are created only under an incident still open
            IncidentStatus target = path.get(path.size() - 1);
            organization.statusWalks.put(id, new Step("incidents.json", id,
                    incident.number() + " to " + target.getLiteral(), false,
                    tx -> tx.incidents().get(id).status() != IncidentStatus.NEW, tx -> {
                        int version = tx.incidents().get(id).version();
                        for (IncidentStatus next : path) {
                            version = tx.incidents().transition(id, version, next).version();
                        }
                    }));
        }
    }

    private static Location location(ExportRecord record) {
        JsonNode node = record.optionalNode("location");
        if (node == null) {
            return null;
        }
        try {
            return JsonMapper.shared().treeToValue(node, Location.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new Refused("location", "not a location {lat, lng, address}: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private void task(ExportRecord record) {
        record.onlyKeys(keys("incident_id", "title", "description", "status", "priority", "assignee_id", "sla_due_at",
                "sla_paused_at", "sla_paused_duration_ms", "completed_at", "pmo_task_id"));
        UUID id = id(record);
        UUID incident = record.uuid("incident_id");
        UUID productOrg = ownerOf(incidents, incident, "incident_id", "incident", "incidents.json");
        int priority = record.oneOf("priority", PRIORITIES, "NORMAL");
        NewTask task = record.checked("title", () -> new NewTask(record.text("title"), record.optionalText("description"), priority,
                record.optionalTime("sla_due_at")));
        String status = record.oneOf("status", TASK_STATUSES, "pending");
        UUID assignee = record.optionalUuid("assignee_id");
        if (assignee != null) {
            requireIn(users, "user", assignee, productOrg, "assignee_id");
            if (!activeUsers.get(assignee)) {
                throw new Refused("assignee_id", "user " + assignee + " is not active in users.json; tasks are assigned to active users only");
            }
        } else if (status.equals("in_progress") || status.equals("completed")) {
            throw new Refused("assignee_id", "required for a task that is " + status + ": ours are started by their assignee");
        }
        organizations.get(productOrg).tasks.computeIfAbsent(incident, k -> new ArrayList<>()).add(new Step("tasks.json", id, task.title(), true, tx -> tx.tasks().findById(id).isPresent(), tx -> {
                    int version = tx.tasks().createWithId(id, incident, task).version();
                    if (assignee != null) {
                        version = tx.tasks().assign(id, version, assignee).version();
                    }
                    switch (status) {
                        case "in_progress" -> tx.tasks().start(id, version);
                        case "completed" -> tx.tasks().complete(id, tx.tasks().start(id, version).version());
                        case "cancelled" -> tx.tasks().cancel(id, version);
                        default -> {
                        }
                    }
                }));
    }

    private void transmission(ExportRecord record) {
        record.onlyKeys(keys("channel_id", "started_at", "ended_at", "duration_ms", "audio_uri", "transcript", "confidence",
                "entities", "priority", "tags", "status"));
        UUID id = id(record);
        UUID channel = record.uuid("channel_id");
        UUID productOrg = ownerOf(channels, channel, "channel_id", "radio channel", "radio_channels.json");
        int priority = record.oneOf("priority", PRIORITIES, "NORMAL");
        TransmissionStatus status = record.oneOf("status", TRANSMISSION_STATUSES, "pending");
        List<String> tags = record.texts("tags");
        NewTransmission transmission = record.checked("started_at", () -> new NewTransmission(channel, record.time("started_at"),
                record.optionalTime("ended_at"), record.optionalText("audio_uri"), record.optionalText("transcript"),
                record.optionalNumber("confidence"), null, TransmissionEntities.read(record.optionalNode("entities")), Map.of()));
        organizations.get(productOrg).steps.add(new Step("transmissions.json", id, transmission.startedAt().toString(), true,
                tx -> tx.transmissions().findById(id).isPresent(), tx -> {
                    var recorded = tx.transmissions().recordWithId(id, transmission);
                    tx.transmissions().setPriority(id, priority);
                    if (!tags.isEmpty()) {
                        tx.transmissions().tag(id, tags.toArray(String[]::new));
                    }
                    if (status == TransmissionStatus.FAILED && recorded.status() != status) {
                        tx.transmissions().setStatus(id, status);
                    }
                }));
    }

    private void policy(ExportRecord record) {
        record.onlyKeys(keys("organization_id", "name", "description", "rules_yaml", "priority", "is_active"));
        UUID id = id(record);
        Builder organization = organizationOf(record);
        Integer priority = record.optionalInt("priority");
        NewPolicy policy = record.checked("rules_yaml", () -> new NewPolicy(record.text("name"), record.optionalText("description"),
                record.text("rules_yaml"), priority == null ? 100 : priority, record.bool("is_active", true)));
        organization.steps.add(new Step("policies.json", id, policy.name(), true,
                tx -> tx.policies().findById(id).isPresent(), tx -> tx.policies().createWithId(id, policy)));
    }

    private void webhook(ExportRecord record) {
        record.onlyKeys(keys("organization_id", "url", "events", "is_active", "retry_count", "timeout_ms", "last_triggered_at",
                "last_error"));
        UUID id = id(record);
        Builder organization = organizationOf(record);
        NewWebhook webhook = record.checked("url", () -> new NewWebhook(record.text("url"), null, record.texts("events")));
        Integer retries = record.optionalInt("retry_count");
        Integer timeout = record.optionalInt("timeout_ms");
        if (retries != null && (retries < 0 || retries > 10)) {
            throw new Refused("retry_count", "must be 0 to 10, was " + retries);
        }
        if (timeout != null && (timeout < 1000 || timeout > 60000)) {
            throw new Refused("timeout_ms", "must be 1000 to 60000, was " + timeout);
        }
        boolean active = record.bool("is_active", true);
        organization.steps.add(new Step("webhooks.json", id, webhook.url(), true, tx -> tx.webhooks().findById(id).isPresent(), tx -> {
            tx.webhooks().subscribeWithId(id, webhook);
            if (retries != null || timeout != null) {
                var current = tx.webhooks().get(id);
                tx.webhooks().configureDelivery(id, retries == null ? current.retryCount() : retries,
                        timeout == null ? current.timeoutMs() : timeout);
            }
            if (!active) {
                tx.webhooks().deactivate(id);
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> ordered(Object... pairs) {
        Map<String, T> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (T) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
