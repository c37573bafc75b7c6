package dev.publicsafety.dal.bench;

import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetOptions;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.replica.ReplicaOptions;
import dev.publicsafety.dal.replica.ReplicaRouter;
import dev.publicsafety.dal.replica.WalPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A point read of one incident by id, as the application role: a plain {@link FleetDatabase#inTransaction}
 * on the primary (the baseline), {@link FleetDatabase#read} without a replica (the read-only
 * transaction alone), and {@link FleetDatabase#read} routed to the replica, without and with a
 * read-your-writes position (which the replica has long replayed, so the check always passes).
 */
final class ReplicaReadPaths implements PathSet {

    private static final int INCIDENTS = 1_000;
    private static final Actor BENCH = Actor.service("replica-bench");

    private final FleetDatabase primaryOnly;
    private final FleetDatabase routed;
    private final UUID org;
    private final UUID[] ids;
    private final WalPosition position;
    private int next;

    ReplicaReadPaths(DataSource primary, DataSource replica) {
        primaryOnly = new FleetDatabase(primary);
        routed = new FleetDatabase(new ReplicaRouter(primary, replica, ReplicaOptions.defaults()), FleetOptions.defaults());
        org = primaryOnly.createOrganization(BENCH, NewOrganization.of("Bench County", "bench-county-" + UUID.randomUUID())).id();
        List<UUID> opened = primaryOnly.inTransaction(org, BENCH, tx -> {
            List<UUID> all = new ArrayList<>();
            for (int i = 0; i < INCIDENTS; i++) {
                all.add(tx.incidents().open(NewIncident.of("B-" + i, "Bench incident " + i, "fire", 3)).id());
            }
            return all;
        });
        ids = opened.toArray(UUID[]::new);
        position = routed.write(org, BENCH, tx -> null).position();
    }

    @Override
    public List<Interleaved.Path> paths() {
        return List.of(
                new Interleaved.Path("ReplicaPointRead.primaryInTransaction",
                        () -> primaryOnly.inTransaction(org, BENCH, tx -> tx.incidents().findById(nextId())).orElseThrow()),
                new Interleaved.Path("ReplicaPointRead.primaryReadOnly",
                        () -> primaryOnly.read(org, tx -> tx.incidents().findById(nextId())).orElseThrow()),
                new Interleaved.Path("ReplicaPointRead.replica",
                        () -> routed.read(org, tx -> tx.incidents().findById(nextId())).orElseThrow()),
                new Interleaved.Path("ReplicaPointRead.replicaWithPosition",
                        () -> routed.read(org, position, tx -> tx.incidents().findById(nextId())).orElseThrow()));
    }

    private UUID nextId() {
        next = (next + 7919) % ids.length;
        return ids[next];
    }

    @Override
    public void close() {
        // the bench's servers are thrown away with their data
    }
}
