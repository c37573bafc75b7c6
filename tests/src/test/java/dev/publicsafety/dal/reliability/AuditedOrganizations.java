package dev.publicsafety.dal.reliability;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** New organizations with an audit trail of a chosen length, for the tests of the audit chain and its verifications. */
final class AuditedOrganizations {

    private final FleetDatabase fleet;
    private final Actor actor;
    private final String name;
    private final AtomicInteger created = new AtomicInteger();

    /** Organizations named {@code name} and a number, created and written by {@code actor} through {@code fleet}. */
    AuditedOrganizations(FleetDatabase fleet, Actor actor, String name) {
        this.fleet = fleet;
        this.actor = actor;
        this.name = name;
    }

    /** A new organization whose trail has {@code rows} rows: its creation, then incidents opened. */
    UUID withAuditRows(int rows) {
        int n = created.incrementAndGet();
        UUID org = fleet.createOrganization(actor, NewOrganization.of(name + " " + n, name.toLowerCase(Locale.ROOT).replace(' ', '-') + "-" + n)).id();
        for (int i = 1; i < rows; i++) {
            String number = "A-" + i;
            fleet.execute(org, actor, tx -> tx.incidents().open(NewIncident.of(number, "Audited " + number, "fire", 2)));
        }
        return org;
    }
}
