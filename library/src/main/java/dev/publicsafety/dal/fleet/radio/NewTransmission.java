package dev.publicsafety.dal.fleet.radio;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.TransmissionStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A transmission as a recorder or the transcription pipeline reports it. */
public record NewTransmission(UUID channelId, OffsetDateTime startedAt, OffsetDateTime endedAt, String audioRef,
                              String transcription, Double transcriptionConfidence, String language,
                              List<TransmissionEntity> entities, Map<String, Object> metadata) {

    public NewTransmission {
        if (channelId == null) {
            throw new InvalidInputException("channelId", "transmission channel id is required");
        }
        if (startedAt == null) {
            throw new InvalidInputException("startedAt", "transmission start time is required");
        }
        if (endedAt != null && endedAt.isBefore(startedAt)) {
            throw new InvalidInputException("endedAt", "transmission ends (" + endedAt + ") before it starts (" + startedAt + ")");
        }
        Validate.optionalText("transmission audio reference", audioRef, 1024);
        Validate.optionalText("transmission language", language, 16);
        if (transcriptionConfidence != null && (transcriptionConfidence < 0 || transcriptionConfidence > 1)) {
            throw new InvalidInputException("transcriptionConfidence", "transcription confidence must be between 0 and 1, was " + transcriptionConfidence);
        }
        entities = entities == null ? List.of() : List.copyOf(entities);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static NewTransmission of(UUID channelId, OffsetDateTime startedAt, OffsetDateTime endedAt) {
        return new NewTransmission(channelId, startedAt, endedAt, null, null, null, null, List.of(), Map.of());
    }

    public NewTransmission transcribed(String text, double confidence, String lang, List<TransmissionEntity> extracted) {
        return new NewTransmission(channelId, startedAt, endedAt, audioRef, text, confidence, lang, extracted, metadata);
    }

    public NewTransmission withMetadata(Map<String, Object> values) {
        return new NewTransmission(channelId, startedAt, endedAt, audioRef, transcription, transcriptionConfidence,
                language, entities, values);
    }

    public NewTransmission withAudio(String reference) {
        return new NewTransmission(channelId, startedAt, endedAt, reference, transcription, transcriptionConfidence,
                language, entities, metadata);
    }

    /** Transcribed if the recorder already sends a transcription, received otherwise. */
    TransmissionStatus status() {
        return transcription == null ? TransmissionStatus.RECEIVED : TransmissionStatus.TRANSCRIBED;
    }

    /** The audio's length in milliseconds, if it has ended. */
    Integer durationMs() {
        return endedAt == null ? null : Math.toIntExact(Duration.between(startedAt, endedAt).toMillis());
    }
}
