package dev.publicsafety.dal.fleet.unit;

import static dev.publicsafety.dal.generated.fleet.Tables.ASSETS;
import static dev.publicsafety.dal.generated.fleet.Tables.CREWS;

import dev.publicsafety.dal.error.DomainRuleException;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.internal.Json;
import dev.publicsafety.dal.fleet.internal.Keyset;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.generated.fleet.enums.AssetStatus;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import dev.publicsafety.dal.generated.fleet.tables.records.AssetsRecord;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.SortOrder;
import org.jooq.impl.DSL;

/**
 * Assets: dispatcher changes (status, crew) are optimistically locked by {@code version};
 * telematics reports update only location, telematics and {@code last_seen_at}, never the version
 * (so a stream of position reports does not make every dispatcher's edit conflict), and are
 * ordered by reading time: a reading older than the last one applied is ignored.
 */
public final class AssetRepository extends TenantRepository<AssetsRecord> {

    /** Half the earth's circumference: every point is within it. */
    private static final double MAX_RADIUS_METERS = 20_037_509;

    public AssetRepository(TenantContext context) {
        super(context, ASSETS, ASSETS.ID, ASSETS.ORG_ID, ASSETS.DELETED_AT, ASSETS.VERSION);
    }

    public Asset register(NewAsset asset) {
        return registerRow(null, asset);
    }

    /**
     * {@link #register(NewAsset)} under {@code id} instead of a generated id: for records brought over from
     * another system with their ids kept ({@code dal import fleet}). An id a row of this organization
     * already has, soft-deleted or not, is a {@code ConflictException} (ids are unique per organization).
     */
    public Asset registerWithId(UUID id, NewAsset asset) {
        return registerRow(requireId(id), asset);
    }

    private Asset registerRow(UUID id, NewAsset asset) {
        AssetsRecord values = blank();
        values.setName(asset.name());
        values.setAssetType(asset.type());
        values.setCallSign(asset.callSign());
        values.setStatus(AssetStatus.AVAILABLE);
        values.setMetadata(Json.of(asset.metadata()));
        return Asset.of(insert(id, values));
    }

    public Optional<Asset> findById(UUID id) {
        return fetchLive(id).map(Asset::of);
    }

    public Asset get(UUID id) {
        return Asset.of(requireLive(id));
    }

    public Optional<Asset> findByCallSign(String callSign) {
        return dsl().selectFrom(ASSETS).where(live()).and(ASSETS.CALL_SIGN.eq(callSign)).fetchOptional().map(Asset::of);
    }

    /**
     * Applies a telematics reading if it is newer than the last one applied; returns the asset as it
     * now is (unchanged, and nothing audited, for a stale reading).
     */
    public Asset reportTelematics(UUID id, TelematicsReading reading) {
        AssetsRecord before = lockLive(id);
        if (before.getLastSeenAt() != null && !reading.at().isAfter(before.getLastSeenAt())) {
            return Asset.of(before);
        }
        return Asset.of(applyLocked(before, "telematics", r -> {
            if (reading.location() != null) {
                r.setLocation(reading.location());
            }
            r.setTelematics(Json.of(reading.values()));
            r.setLastSeenAt(reading.at());
        }));
    }

    public Asset setStatus(UUID id, int expectedVersion, AssetStatus status) {
        AssetsRecord before = requireVersion(id, expectedVersion);
        return Asset.of(updateVersioned(before, expectedVersion, "status:" + status.getLiteral(), r -> r.setStatus(status)));
    }

    /**
     * Records the vehicle identification number or serial number (letters, digits and hyphens,
     * stored upper case, unique within the organization; {@code null} removes it).
     */
    public Asset setVinOrSerial(UUID id, int expectedVersion, String vinOrSerial) {
        String normalized = vinOrSerial == null ? null : vinOrSerial.strip().toUpperCase(Locale.ROOT);
        if (normalized != null && !normalized.matches("[A-Z0-9][A-Z0-9-]{0,63}")) {
            throw new InvalidInputException("vinOrSerial", "VIN or serial '" + vinOrSerial + "' of asset " + id
                    + " must be 1 to 64 letters, digits and hyphens, starting with a letter or digit");
        }
        AssetsRecord before = requireVersion(id, expectedVersion);
        return Asset.of(updateVersioned(before, expectedVersion, "set_vin_or_serial", r -> r.setVinOrSerial(normalized)));
    }

    /** Assigns an available asset to a crew of this organization (status becomes assigned). */
    public Asset assignToCrew(UUID id, int expectedVersion, UUID crewId) {
        AssetsRecord before = requireVersion(id, expectedVersion);
        if (before.getStatus() != AssetStatus.AVAILABLE) {
            throw new DomainRuleException("asset " + id + " is " + before.getStatus().getLiteral()
                    + ": only available assets can be assigned to a crew");
        }
        boolean crewExists = dsl().fetchExists(dsl().selectOne().from(CREWS).where(CREWS.ID.eq(crewId))
                .and(CREWS.ORG_ID.eq(context.orgId())).and(CREWS.DELETED_AT.isNull()));
        if (!crewExists) {
            throw TenantRepository.missing("crews", crewId, null);
        }
        return Asset.of(updateVersioned(before, expectedVersion, "assign_crew", r -> {
            r.setCrewId(crewId);
            r.setStatus(AssetStatus.ASSIGNED);
        }));
    }

    /** Takes the asset off its crew; it becomes available. */
    public Asset releaseFromCrew(UUID id, int expectedVersion) {
        AssetsRecord before = requireVersion(id, expectedVersion);
        return Asset.of(updateVersioned(before, expectedVersion, "release_crew", r -> {
            r.setCrewId(null);
            r.setStatus(AssetStatus.AVAILABLE);
        }));
    }

    /** Available assets of a type, by name; served by the {@code (org_id, asset_type, status)} index. */
    public Page<Asset> available(AssetType type, PageRequest page) {
        return Keyset.page(dsl().selectFrom(ASSETS).where(live()).and(ASSETS.ASSET_TYPE.eq(type))
                        .and(ASSETS.STATUS.eq(AssetStatus.AVAILABLE)),
                page, "assets.available:" + type.getLiteral(), Asset::of, SortOrder.ASC, ASSETS.NAME, ASSETS.ID);
    }

    /**
     * The {@code k} available assets nearest to a point within {@code radiusMeters}, nearest first.
     * Served by a KNN scan ({@code <->}) of the GiST index on the assets' position
     * (a point on the earth as a {@code cube}, fleet V9), which stops after {@code k} rows of this organization; those beyond the
     * radius are then dropped. (The radius is not an index condition: under row-level security
     * PostgreSQL keeps the cube operators, which are not leakproof, out of index conditions.)
     * Assets without coordinates are never found. Crews have no location of their own; a crew's
     * vehicle is an asset ({@code crew_id}).
     */
    public List<NearbyAsset> nearestAvailable(double latitude, double longitude, double radiusMeters, int k) {
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new InvalidInputException("latitude", "point (" + latitude + ", " + longitude
                    + ") is not a latitude in [-90, 90] and a longitude in [-180, 180]");
        }
        if (!(radiusMeters > 0 && radiusMeters <= MAX_RADIUS_METERS)) {
            throw new InvalidInputException("radiusMeters", "radius must be more than 0 and at most " + MAX_RADIUS_METERS + " m, was " + radiusMeters);
        }
        if (k < 1 || k > PageRequest.MAX_SIZE) {
            throw new InvalidInputException("k", "k must be 1 to " + PageRequest.MAX_SIZE + ", was " + k);
        }
        Field<Object> center = DSL.function(DSL.name("fleet", "earth_point"), Object.class, DSL.val(latitude), DSL.val(longitude));
        Field<Object> position = DSL.function(DSL.name("fleet", "location_point"), Object.class, ASSETS.LOCATION);
        Field<Double> distance = DSL.function(DSL.name("fleet", "great_circle_meters"), Double.class, center, position);
        // jOOQ has no cube operators: <-> (distance, what the GiST index orders by) is a template
        Field<Double> knn = DSL.field("{0} <-> {1}", Double.class, position, center);
        return dsl().select(ASSETS.asterisk(), distance.as("distance_meters")).from(ASSETS)
                // an inline literal, not a bind: only a constant proves the partial index's status = 'available'
                .where(live()).and(ASSETS.STATUS.eq(DSL.inline(AssetStatus.AVAILABLE))).and(position.isNotNull())
                .orderBy(knn).limit(k)
                .fetch(r -> new NearbyAsset(Asset.of(r.into(ASSETS)), r.get("distance_meters", Double.class)))
                .stream().filter(nearby -> nearby.distanceMeters() <= radiusMeters).toList();
    }

    /** Assets in one status, by name. */
    public Page<Asset> withStatus(AssetStatus status, PageRequest page) {
        return Keyset.page(dsl().selectFrom(ASSETS).where(live()).and(ASSETS.STATUS.eq(status)),
                page, "assets.with_status:" + status.getLiteral(), Asset::of, SortOrder.ASC, ASSETS.NAME, ASSETS.ID);
    }
}
