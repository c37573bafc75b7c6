package dev.publicsafety.dal.fleet.radio;

import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.generated.fleet.tables.records.RadioChannelsRecord;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** An audio source whose traffic is recorded and transcribed. */
public record RadioChannel(UUID id, UUID orgId, String name, ChannelSourceType sourceType,
                           Map<String, Object> sourceConfig, String talkgroup, boolean active, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt, OffsetDateTime deletedAt) {

    static RadioChannel of(RadioChannelsRecord r) {
        return new RadioChannel(r.getId(), r.getOrgId(), r.getName(), r.getSourceType(), Json.toMap(r.getSourceConfig()),
                r.getTalkgroup(), r.getIsActive(), r.getCreatedAt(), r.getUpdatedAt(), r.getDeletedAt());
    }
}
