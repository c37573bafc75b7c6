package dev.publicsafety.dal.replica;

/**
 * What a write transaction returned, and where the primary's WAL stood after its commit: present
 * {@code position} to a later read to see this write (read-your-writes).
 */
public record Committed<T>(T value, WalPosition position) {
}
