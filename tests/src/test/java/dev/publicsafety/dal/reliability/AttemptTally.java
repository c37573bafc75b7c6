package dev.publicsafety.dal.reliability;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Counts cross-tenant attempts by kind and outcome, and keeps the ones that went wrong. */
final class AttemptTally {

    /** An attempt that got through or failed for a wrong reason. */
    record Failure(CrossTenantAttempt attempt, SeededTenant attacker, SeededTenant victim, CrossTenantAttempt.Result result) {
        @Override
        public String toString() {
            return attempt.label() + " (" + attacker + " on " + victim + "): " + result.outcome()
                    + (result.detail() == null ? "" : " - " + result.detail());
        }
    }

    private final Map<CrossTenantAttempt, Map<Outcome, Integer>> counts = new LinkedHashMap<>();
    private final List<Failure> successes = new ArrayList<>();
    private final List<Failure> wrongReasons = new ArrayList<>();

    void record(CrossTenantAttempt attempt, SeededTenant attacker, SeededTenant victim, CrossTenantAttempt.Result result) {
        counts.computeIfAbsent(attempt, k -> new EnumMap<>(Outcome.class)).merge(result.outcome(), 1, Integer::sum);
        if (Outcome.SUCCESSES.contains(result.outcome())) {
            successes.add(new Failure(attempt, attacker, victim, result));
        } else if (!attempt.isRightRefusal(result.outcome())) {
            wrongReasons.add(new Failure(attempt, attacker, victim, result));
        }
    }

    int attempts() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }

    int kinds() {
        return counts.size();
    }

    List<Failure> successes() {
        return successes;
    }

    List<Failure> wrongReasons() {
        return wrongReasons;
    }

    /** Outcome totals of one route. */
    Map<Outcome, Integer> totals(CrossTenantAttempt.Route route) {
        Map<Outcome, Integer> totals = new EnumMap<>(Outcome.class);
        counts.forEach((attempt, outcomes) -> {
            if (attempt.route() == route) {
                outcomes.forEach((outcome, n) -> totals.merge(outcome, n, Integer::sum));
            }
        });
        return totals;
    }

    /** One line per kind: attempts and outcomes; then one per route. */
    String report() {
        StringBuilder out = new StringBuilder();
        counts.forEach((attempt, outcomes) -> out.append(String.format("  %5d  %-100s %s%n",
                outcomes.values().stream().mapToInt(Integer::intValue).sum(), attempt.label(), describe(outcomes))));
        for (CrossTenantAttempt.Route route : CrossTenantAttempt.Route.values()) {
            Map<Outcome, Integer> totals = totals(route);
            out.append(String.format("  %5d  %s: %s%n", totals.values().stream().mapToInt(Integer::intValue).sum(),
                    route.description, describe(totals)));
        }
        return out.toString();
    }

    private static String describe(Map<Outcome, Integer> outcomes) {
        return outcomes.entrySet().stream().map(e -> e.getKey().name().toLowerCase() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
