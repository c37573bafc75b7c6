package dev.publicsafety.dal.fleet;

import dev.publicsafety.dal.fleet.audit.AuditLogRepository;
import dev.publicsafety.dal.fleet.incident.IncidentRepository;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.organization.OrganizationRepository;
import dev.publicsafety.dal.fleet.organization.UserRepository;
import dev.publicsafety.dal.fleet.policy.PolicyRepository;
import dev.publicsafety.dal.fleet.radio.RadioChannelRepository;
import dev.publicsafety.dal.fleet.radio.TransmissionRepository;
import dev.publicsafety.dal.fleet.suggestion.SuggestionRepository;
import dev.publicsafety.dal.fleet.task.ChecklistRepository;
import dev.publicsafety.dal.fleet.task.TaskRepository;
import dev.publicsafety.dal.fleet.unit.AssetRepository;
import dev.publicsafety.dal.fleet.unit.CrewRepository;
import dev.publicsafety.dal.fleet.webhook.WebhookRepository;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * One database transaction on behalf of one organization and one actor, handed to the lambda of
 * {@link FleetDatabase#inTransaction}. Every repository it gives out reads and writes only that
 * organization's rows and audits every write as that actor, in this transaction. It is valid only
 * inside the lambda.
 */
public final class FleetTransaction {

    private final TenantContext context;
    private OrganizationRepository organization;
    private UserRepository users;
    private RadioChannelRepository channels;
    private TransmissionRepository transmissions;
    private IncidentRepository incidents;
    private TaskRepository tasks;
    private ChecklistRepository checklists;
    private CrewRepository crews;
    private AssetRepository assets;
    private WebhookRepository webhooks;
    private PolicyRepository policies;
    private AuditLogRepository auditLogs;
    private SuggestionRepository suggestions;

    FleetTransaction(TenantContext context) {
        this.context = context;
    }

    /** The organization this transaction acts for. */
    public UUID orgId() {
        return context.orgId();
    }

    public Actor actor() {
        return context.actor();
    }

    /** The transaction's timestamp ({@code now()} in PostgreSQL): the same for every write of this transaction. */
    public OffsetDateTime now() {
        return context.now();
    }

    /**
     * The transaction's jOOQ context, for read queries the repositories do not offer. Row-level
     * security still limits it to this organization when the application connects as its own
     * (non-owner) role, but filter by {@code ORG_ID} anyway; writes through it are <em>not</em>
     * audited, so write through the repositories.
     */
    public DSLContext dsl() {
        return context.dsl();
    }

    public OrganizationRepository organization() {
        return organization == null ? organization = new OrganizationRepository(context) : organization;
    }

    public UserRepository users() {
        return users == null ? users = new UserRepository(context) : users;
    }

    public RadioChannelRepository channels() {
        return channels == null ? channels = new RadioChannelRepository(context) : channels;
    }

    public TransmissionRepository transmissions() {
        return transmissions == null ? transmissions = new TransmissionRepository(context, this) : transmissions;
    }

    public IncidentRepository incidents() {
        return incidents == null ? incidents = new IncidentRepository(context) : incidents;
    }

    public TaskRepository tasks() {
        return tasks == null ? tasks = new TaskRepository(context) : tasks;
    }

    public ChecklistRepository checklists() {
        return checklists == null ? checklists = new ChecklistRepository(context) : checklists;
    }

    public CrewRepository crews() {
        return crews == null ? crews = new CrewRepository(context, this) : crews;
    }

    public AssetRepository assets() {
        return assets == null ? assets = new AssetRepository(context) : assets;
    }

    public WebhookRepository webhooks() {
        return webhooks == null ? webhooks = new WebhookRepository(context) : webhooks;
    }

    public PolicyRepository policies() {
        return policies == null ? policies = new PolicyRepository(context) : policies;
    }

    public SuggestionRepository suggestions() {
        return suggestions == null ? suggestions = new SuggestionRepository(context, this) : suggestions;
    }

    public AuditLogRepository auditLogs() {
        return auditLogs == null ? auditLogs = new AuditLogRepository(context) : auditLogs;
    }
}
