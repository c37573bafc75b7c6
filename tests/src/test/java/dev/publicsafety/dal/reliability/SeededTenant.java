package dev.publicsafety.dal.reliability;

import dev.publicsafety.dal.fleet.Actor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * One organization of the isolation test and what it holds, made through the repositories
 * ({@link TenantBuilder}): a few live rows of every tenant table, one soft-deleted row of each
 * (so that restore and purge have something to aim at), and search strings no other organization
 * uses (subject, role, tag, plate, names, call sign, event, feature flag).
 *
 * @param live    live row ids by table name ({@code organizations} holds the organization itself,
 *                {@code audit_logs} its audit rows)
 * @param deleted soft-deleted row ids by table name
 */
record SeededTenant(String name, UUID org, Actor actor, UUID user, UUID otherUser, UUID channel, UUID incident,
                    UUID task, UUID item, UUID crew, UUID asset, Map<String, List<UUID>> live, Map<String, List<UUID>> deleted,
                    String subject, String role, String tag, String incidentNumber, String plate, String channelName,
                    String callSign, String policyName, String event, String flag) {

    /** A random live row of {@code table}. */
    UUID anyLive(String table, Random random) {
        return pick(live, table, random);
    }

    /** A random soft-deleted row of {@code table}. */
    UUID anyDeleted(String table, Random random) {
        return pick(deleted, table, random);
    }

    /** A random row of {@code table}, live or soft-deleted. */
    UUID anyRow(String table, Random random) {
        return random.nextInt(4) == 0 && deleted.containsKey(table) ? anyDeleted(table, random) : anyLive(table, random);
    }

    private static UUID pick(Map<String, List<UUID>> rows, String table, Random random) {
        List<UUID> ids = rows.get(table);
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("the fixture has no rows of " + table);
        }
        return ids.get(random.nextInt(ids.size()));
    }

    @Override
    public String toString() {
        return name;
    }
}
