package com.example.console;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.incident.Incident;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.Organization;
import dev.publicsafety.dal.generated.fleet.enums.IncidentStatus;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The dispatcher's side of the console: organizations and incidents. */
// tag::spring-boot-service[]
@Service
public class DispatchService {

    private static final Actor CONSOLE = Actor.service("dispatch-console");

    private final FleetDatabase fleet;   // made by the starter

    public DispatchService(FleetDatabase fleet) {
        this.fleet = fleet;
    }

    public Organization organization(String slug, String name) {
        return fleet.findOrganizationBySlug(slug)
                .orElseGet(() -> fleet.createOrganization(CONSOLE, NewOrganization.of(name, slug)));
    }

    public Incident openAndDispatch(UUID orgId, String number, String title) {
        return fleet.inTransaction(orgId, CONSOLE, tx -> {
            Incident incident = tx.incidents().findByNumber(number)
                    .orElseGet(() -> tx.incidents().open(NewIncident.of(number, title, "medical", 2)));
            return incident.status() == IncidentStatus.NEW ? tx.incidents().dispatch(incident.id(), incident.version()) : incident;
        });
    }
}
// end::spring-boot-service[]
