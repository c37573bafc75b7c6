package dev.publicsafety.dal.chaos;

/**
 * One injected fault: when it began and ended (epoch milliseconds), and what it hit (a client's
 * index, sessions ended, connections dropped). {@code client} is the killed client, else -1.
 */
record Fault(FaultKind kind, long start, long end, int client, String detail) {
}
