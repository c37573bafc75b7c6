package dev.publicsafety.dal.chaos;

/** The faults the controller injects, each a given number of times in a run. */
public enum FaultKind {
    /** {@code kill -9} of a client process, which is then started again. */
    KILL_CLIENT,
    /** PostgreSQL stopped with fast shutdown and started again. */
    FAST_RESTART,
    /** PostgreSQL stopped with immediate shutdown (no checkpoint; crash recovery) and started again. */
    IMMEDIATE_RESTART,
    /** {@code pg_terminate_backend} of every session of the application role. */
    TERMINATE_BACKENDS,
    /** The proxy drops every connection, wherever its traffic is. */
    PROXY_DROP,
    /** The proxy cuts a connection in the middle of a bulk ingest's COPY. */
    PROXY_DROP_MID_COPY
}
