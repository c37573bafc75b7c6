package dev.publicsafety.dal.fleet.radio;

import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.fleet.value.TransmissionEntity;
import dev.publicsafety.dal.generated.fleet.enums.TransmissionStatus;
import dev.publicsafety.dal.generated.fleet.tables.records.TransmissionsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Recorded radio traffic with its transcription and the entities extracted from it. */
public record Transmission(UUID id, UUID orgId, UUID channelId, UUID incidentId, OffsetDateTime startedAt,
                           OffsetDateTime endedAt, String audioRef, String transcription, Double transcriptionConfidence,
                           String language, List<TransmissionEntity> entities, Map<String, Object> metadata,
                           int priority, TransmissionStatus status, List<String> tags, Integer durationMs,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime deletedAt) {

    public Transmission {
        entities = entities == null ? List.of() : List.copyOf(entities);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    static Transmission of(TransmissionsRecord r) {
        return new Transmission(r.getId(), r.getOrgId(), r.getChannelId(), r.getIncidentId(), r.getStartedAt(),
                r.getEndedAt(), r.getAudioRef(), r.getTranscription(), r.getTranscriptionConfidence(), r.getLanguage(),
                r.getEntities(), Json.toMap(r.getMetadata()), r.getPriority(), r.getStatus(), List.of(r.getTags()),
                r.getDurationMs(), r.getCreatedAt(), r.getUpdatedAt(), r.getDeletedAt());
    }
}
