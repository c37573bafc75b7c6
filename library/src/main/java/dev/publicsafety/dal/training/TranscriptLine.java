package dev.publicsafety.dal.training;

import dev.publicsafety.dal.training.value.Speaker;
import java.util.UUID;

/** A stored transcript entry. */
public record TranscriptLine(UUID id, UUID sessionId, long timestampMs, Speaker speaker, String text,
                             String emotionalState, Double confidence, String audioUrl) {
}
