package dev.publicsafety.dal.training;

import dev.publicsafety.dal.training.value.EntityType;
import java.util.UUID;

/**
 * An entity found in a transcript entry: {@code value} is exactly the entry's text between
 * {@code start} (inclusive) and {@code end} (exclusive). {@code typeLabel} is the type as stored;
 * {@code type} is null when that label is not an {@link EntityType} (the simulator's extractor
 * writes free text there).
 */
public record ExtractedEntity(UUID id, UUID transcriptId, EntityType type, String value, Double confidence, int start,
                              int end, String typeLabel) {

    /** The entity type of a stored label, or null when the label is not one of ours. */
    static EntityType typeOf(String label) {
        for (EntityType type : EntityType.values()) {
            if (type.name().equals(label)) {
                return type;
            }
        }
        return null;
    }
}
