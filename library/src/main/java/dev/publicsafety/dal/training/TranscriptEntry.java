package dev.publicsafety.dal.training;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.training.value.Speaker;

/**
 * One utterance to append to a call transcript. {@code timestampMs} is the offset from the start of
 * the call; {@code emotionalState} is the detector's label; {@code confidence} the recognizer's, 0 to 1.
 */
public record TranscriptEntry(long timestampMs, Speaker speaker, String text, String emotionalState,
                              Double confidence, String audioUrl) {

    public TranscriptEntry {
        if (timestampMs < 0) {
            throw new InvalidInputException("timestampMs", "timestampMs must be >= 0, was " + timestampMs);
        }
        if (speaker == null) {
            throw new InvalidInputException("speaker", "speaker is required (operator or caller)");
        }
        if (text == null) {
            throw new InvalidInputException("text", "text is required");
        }
        if (confidence != null && (confidence < 0 || confidence > 1)) {
            throw new InvalidInputException("confidence", "confidence must be between 0 and 1, was " + confidence);
        }
    }

    public static TranscriptEntry of(long timestampMs, Speaker speaker, String text) {
        return new TranscriptEntry(timestampMs, speaker, text, null, null, null);
    }
}
