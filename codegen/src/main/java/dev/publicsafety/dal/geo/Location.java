package dev.publicsafety.dal.geo;

/**
 * Where something is: an address, coordinates, or both. Stored as JSONB in
 * {@code fleet.incidents.location}, {@code fleet.assets.location} and inside training scenario
 * scripts.
 */
public record Location(String address, String city, String region, String postalCode, String crossStreet,
                       Double latitude, Double longitude) {

    public Location {
        boolean hasAddress = address != null && !address.isBlank();
        boolean hasCoordinates = latitude != null && longitude != null;
        if (!hasAddress && !hasCoordinates) {
            throw new IllegalArgumentException("a location needs an address or both latitude and longitude");
        }
        if ((latitude == null) != (longitude == null)) {
            throw new IllegalArgumentException("latitude and longitude go together: give both or neither");
        }
        if (latitude != null && (latitude < -90 || latitude > 90)) {
            throw new IllegalArgumentException("latitude must be between -90 and 90, was " + latitude);
        }
        if (longitude != null && (longitude < -180 || longitude > 180)) {
            throw new IllegalArgumentException("longitude must be between -180 and 180, was " + longitude);
        }
    }

    public static Location ofCoordinates(double latitude, double longitude) {
        return new Location(null, null, null, null, null, latitude, longitude);
    }

    public static Location ofAddress(String address, String city) {
        return new Location(address, city, null, null, null, null, null);
    }
}
