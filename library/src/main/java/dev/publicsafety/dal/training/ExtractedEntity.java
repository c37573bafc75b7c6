package dev.publicsafety.dal.training;

import java.util.UUID;

/**
 * An entity found in a transcript entry: {@code value} is exactly the entry's text between
 * {@code start} (inclusive) and {@code end} (exclusive).
 */
public record ExtractedEntity(UUID id, UUID transcriptId, EntityType type, String value, Double confidence, int start,
                              int end) {
}
