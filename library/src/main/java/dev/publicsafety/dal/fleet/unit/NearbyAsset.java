package dev.publicsafety.dal.fleet.unit;

/** An available asset near a point, with its great-circle distance from it in metres. */
public record NearbyAsset(Asset asset, double distanceMeters) {
}
