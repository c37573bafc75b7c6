package dev.publicsafety.dal.testing;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.TransactionWork;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.Organization;
import java.util.UUID;

/**
 * One organization as the application sees it: a {@link FleetDatabase} connected as the
 * application role (so row-level security applies), the organization, and the actor its set-up ran
 * as. An {@link IsolatedDatabase} test class gets one by declaring a {@code Tenant} parameter.
 */
public record Tenant(Organization organization, ApplicationRole role, FleetDatabase fleet, Actor actor) {

    /** The actor that creates the tenant and, unless a test names another, acts in it. */
    public static final Actor SETUP = Actor.service("test-setup");

    /** Creates the organization {@code slug} through {@code role}. */
    public static Tenant create(ApplicationRole role, String slug) {
        FleetDatabase fleet = new FleetDatabase(role.dataSource());
        Organization organization = fleet.createOrganization(SETUP, NewOrganization.of("Agency " + slug, slug));
        return new Tenant(organization, role, fleet, SETUP);
    }

    /** The organization's id. */
    public UUID id() {
        return organization.id();
    }

    /** This organization with {@code actor} acting in it. */
    public Tenant as(Actor actor) {
        return new Tenant(organization, role, fleet, actor);
    }

    /** One transaction in this organization as {@link #actor()}. */
    public <T> T inTransaction(TransactionWork<T> work) {
        return fleet.inTransaction(id(), actor, work);
    }

    /** One transaction in this organization as {@code actor}. */
    public <T> T inTransaction(Actor actor, TransactionWork<T> work) {
        return fleet.inTransaction(id(), actor, work);
    }
}
