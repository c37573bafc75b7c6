package dev.publicsafety.dal.fleet.unit;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.geo.Location;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One report from an asset's telematics unit.
 *
 * @param at       when the unit took the reading (not when it arrived)
 * @param location where the asset was, if the unit knows
 * @param values   vendor data: speed, heading, fuel, odometer, …
 */
public record TelematicsReading(OffsetDateTime at, Location location, Map<String, Object> values) {

    public TelematicsReading {
        if (at == null) {
            throw new InvalidInputException("at", "a telematics reading needs the time it was taken");
        }
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
