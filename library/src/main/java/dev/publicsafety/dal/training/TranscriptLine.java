package dev.publicsafety.dal.training;

import dev.publicsafety.dal.generated.training.enums.SpeakerEnum;
import java.util.UUID;

/** A stored transcript entry. */
public record TranscriptLine(UUID id, UUID sessionId, long timestampMs, SpeakerEnum speaker, String text,
                             String emotionalState, Double confidence, String audioUrl) {
}
