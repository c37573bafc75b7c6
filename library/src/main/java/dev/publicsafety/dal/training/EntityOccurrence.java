package dev.publicsafety.dal.training;

import java.util.UUID;

/** Where an entity of some type was said: which session, which entry, when in the call. */
public record EntityOccurrence(UUID sessionId, UUID transcriptId, long timestampMs, String value, Double confidence) {
}
