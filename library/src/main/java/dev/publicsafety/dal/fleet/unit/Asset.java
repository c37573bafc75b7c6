package dev.publicsafety.dal.fleet.unit;

import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.generated.fleet.enums.AssetStatus;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.tables.records.AssetsRecord;
import dev.publicsafety.dal.geo.Location;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** A vehicle, radio, piece of equipment or drone, with its last telematics reading. */
public record Asset(UUID id, UUID orgId, String name, AssetType type, AssetStatus status, String callSign,
                    String vinOrSerial, UUID crewId,
                    Location location, Map<String, Object> telematics, OffsetDateTime lastSeenAt,
                    Map<String, Object> metadata, int version, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                    OffsetDateTime deletedAt) {

    static Asset of(AssetsRecord r) {
        return new Asset(r.getId(), r.getOrgId(), r.getName(), r.getAssetType(), r.getStatus(), r.getCallSign(),
                r.getVinOrSerial(), r.getCrewId(), r.getLocation(), Json.toMap(r.getTelematics()), r.getLastSeenAt(),
                Json.toMap(r.getMetadata()), r.getVersion(), r.getCreatedAt(), r.getUpdatedAt(), r.getDeletedAt());
    }
}
