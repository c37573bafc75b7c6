package dev.publicsafety.dal.fleet.product;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetTransaction;
import dev.publicsafety.dal.fleet.product.DispatchProductExport.OrganizationImport;
import dev.publicsafety.dal.fleet.product.DispatchProductExport.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes an export read by {@link DispatchProductExport} through the repositories: one transaction
 * per organization, audited under the given actor, each record created only if its id is not there
 * yet, so a second run creates nothing. A dry run does the same work and rolls each transaction
 * back, so what it reports is exactly what a run would create.
 */
public final class DispatchProductImport {

    /** What one organization's transaction created (or, in a dry run, would create). */
    public record OrganizationReport(UUID orgId, String slug, List<String> created, Map<String, Integer> counts) {

        public int total() {
            return created.size();
        }
    }

    /** Thrown to roll back a dry run's transaction once its report is made. */
    private static final class DryRunRollback extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient OrganizationReport report;

        DryRunRollback(OrganizationReport report) {
            super(null, null, false, false);
            this.report = report;
        }
    }

    private final FleetDatabase fleet;
    private final Actor actor;

    public DispatchProductImport(FleetDatabase fleet, Actor actor) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /**
     * A rule only the write checks (a VIN's characters, a talkgroup's length, a state the workflow
     * refuses) names the record it stopped at; database errors pass as they are, to be told apart.
     */
    private static void create(Step step, FleetTransaction tx) {
        try {
            step.create().accept(tx);
        } catch (InvalidInputException | DomainRuleException | NotFoundException refused) {
            throw new InvalidInputException(refused instanceof InvalidInputException invalid ? invalid.field() : null,
                    step.file() + " record " + step.id() + " (" + step.label() + "): " + refused.getMessage(), refused);
        }
    }

    /**
     * Imports one organization in one transaction, all or nothing; with {@code dryRun}, rolled back.
     * A failure the checks could not foresee (an id already taken in another organization) rolls
     * this organization back and propagates.
     */
    public OrganizationReport run(OrganizationImport organization, boolean dryRun) {
        try {
            return fleet.inTransaction(organization.orgId(), actor, tx -> {
                List<String> created = new ArrayList<>();
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (String file : DispatchProductExport.FILES) {
                    counts.put(file, 0);
                }
                for (Step step : organization.steps()) {
                    if (step.exists().test(tx)) {
                        continue;
                    }
                    create(step, tx);
                    if (step.counted()) {
                        created.add(step.file() + " " + step.id() + " " + step.label());
                        counts.merge(step.file(), 1, Integer::sum);
                    }
                }
                OrganizationReport report = new OrganizationReport(organization.orgId(), organization.slug(), List.copyOf(created),
                        Collections.unmodifiableMap(counts));
                if (dryRun) {
                    throw new DryRunRollback(report);
                }
                return report;
            });
        } catch (DryRunRollback rolledBack) {
            return rolledBack.report;
        }
    }
}
