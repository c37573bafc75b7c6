package dev.publicsafety.dal.geo;

import dev.publicsafety.dal.error.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where something is: an address, coordinates, or both. Stored as JSONB in
 * {@code fleet.incidents.location}, {@code fleet.assets.location} and inside training scenario
 * scripts, written as {@code {address, city, region, postal_code, cross_street, latitude,
 * longitude}}. The dispatch product writes {@code {lat, lng, address}}; reading accepts that form
 * too (and both names for a coordinate only when they agree).
 */
public record Location(String address, String city, String region, String postalCode, String crossStreet,
                       Double latitude, Double longitude) {

    public Location {
        boolean hasAddress = address != null && !address.isBlank();
        boolean hasCoordinates = latitude != null && longitude != null;
        if (!hasAddress && !hasCoordinates) {
            throw new InvalidInputException("address", "a location needs an address or both latitude and longitude");
        }
        if ((latitude == null) != (longitude == null)) {
            throw new InvalidInputException("longitude", "latitude and longitude go together: give both or neither");
        }
        if (latitude != null && (latitude < -90 || latitude > 90)) {
            throw new InvalidInputException("latitude", "latitude must be between -90 and 90, was " + latitude);
        }
        if (longitude != null && (longitude < -180 || longitude > 180)) {
            throw new InvalidInputException("longitude", "longitude must be between -180 and 180, was " + longitude);
        }
    }

    @JsonCreator
    static Location fromJson(@JsonProperty("address") String address, @JsonProperty("city") String city,
                             @JsonProperty("region") String region, @JsonProperty("postal_code") String postalCode,
                             @JsonProperty("cross_street") String crossStreet, @JsonProperty("latitude") Double latitude,
                             @JsonProperty("longitude") Double longitude, @JsonProperty("lat") Double lat,
                             @JsonProperty("lng") Double lng) {
        return new Location(address, city, region, postalCode, crossStreet, either("latitude", latitude, "lat", lat),
                either("longitude", longitude, "lng", lng));
    }

    private static Double either(String name, Double value, String shortName, Double shortValue) {
        if (value != null && shortValue != null && !value.equals(shortValue)) {
            throw new InvalidInputException(name, name + " " + value + " and " + shortName + " " + shortValue + " disagree");
        }
        return value != null ? value : shortValue;
    }

    public static Location ofCoordinates(double latitude, double longitude) {
        return new Location(null, null, null, null, null, latitude, longitude);
    }

    public static Location ofAddress(String address, String city) {
        return new Location(address, city, null, null, null, null, null);
    }
}
