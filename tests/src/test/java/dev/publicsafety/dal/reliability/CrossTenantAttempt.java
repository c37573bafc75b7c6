package dev.publicsafety.dal.reliability;

import java.util.Random;
import java.util.Set;

/**
 * One kind of attempt by an organization (the attacker) on another's rows (the victim's), made
 * many times with random targets. It returns {@link Outcome#LEAKED} or {@link Outcome#WRITTEN} if
 * it got through, {@link Outcome#NOTHING} if it found or changed nothing; a refusal is an exception,
 * classified by {@link Outcome#of}.
 *
 * @param refusals the outcomes that are the right reason for this kind to fail
 */
record CrossTenantAttempt(String kind, Route route, Set<Outcome> refusals, Body body) {

    /** The way in. */
    enum Route {
        REPOSITORY("repositories, application role"),
        REPOSITORY_AS_OWNER("repositories, owner connection (row-level security bypassed: only the org_id filters)"),
        SQL("raw SQL on the application role's transaction, dal.org_id set"),
        SQL_WITHOUT_ORGANIZATION("raw SQL on an application role connection, dal.org_id not set");

        final String description;

        Route(String description) {
            this.description = description;
        }
    }

    interface Body {
        Outcome run(SeededTenant attacker, SeededTenant victim, Random random) throws Exception;
    }

    /** What one attempt came to; {@code detail} is the refusal's message, if there was one. */
    record Result(Outcome outcome, String detail) {
    }

    /** Makes the attempt once; an exception is a refusal, classified. */
    Result attempt(SeededTenant attacker, SeededTenant victim, Random random) {
        try {
            return new Result(body.run(attacker, victim, random), null);
        } catch (Exception refused) {
            return new Result(Outcome.of(refused), refused.getClass().getSimpleName() + ": " + refused.getMessage());
        }
    }

    /** Whether {@code outcome} is a right reason for this attempt to have failed. */
    boolean isRightRefusal(Outcome outcome) {
        return refusals.contains(outcome);
    }

    String label() {
        return route.name().toLowerCase() + ": " + kind;
    }
}
