package com.example.dispatch;

// tag::incident-desk-imports[]
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.Organization;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import java.util.UUID;
// end::incident-desk-imports[]

/** The dispatcher's side: an organization and its incidents, through {@link FleetDatabase}. */
public final class IncidentDesk {

    private final FleetDatabase fleet;
    private final Actor actor;

    public IncidentDesk(FleetDatabase fleet, Actor actor) {
        this.fleet = fleet;
        this.actor = actor;
    }

    /** The organization with {@code slug}, created on the first run. */
    public Organization organization(String slug, String name) {
        // tag::find-or-create-organization[]
        return fleet.findOrganizationBySlug(slug)
                .orElseGet(() -> fleet.createOrganization(actor, NewOrganization.of(name, slug)));
        // end::find-or-create-organization[]
    }

    /** Incident {@code number}, opened if it is not there yet and dispatched if it is still new; one transaction. */
    public Incident openAndDispatch(UUID orgId, String number, String title) {
        // tag::open-and-dispatch[]
        return fleet.inTransaction(orgId, actor, tx -> {
            Incident incident = tx.incidents().findByNumber(number)
                    .orElseGet(() -> tx.incidents().open(NewIncident.of(number, title, "structure_fire", 1)));
            return incident.status() == IncidentStatus.NEW
                    ? tx.incidents().dispatch(incident.id(), incident.version())   // new -> dispatched, audited
                    : incident;
        });
        // end::open-and-dispatch[]
    }
}
