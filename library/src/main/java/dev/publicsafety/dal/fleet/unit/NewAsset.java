package dev.publicsafety.dal.fleet.unit;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.generated.fleet.enums.AssetType;
import java.util.Map;

/** What it takes to register an asset; it starts available. */
public record NewAsset(String name, AssetType type, String callSign, Map<String, Object> metadata) {

    public NewAsset {
        Validate.text("asset name", name, 200);
        if (type == null) {
            throw new InvalidInputException("type", "asset '" + name + "' needs a type (vehicle, radio, equipment, drone)");
        }
        Validate.optionalText("asset call sign", callSign, 50);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static NewAsset of(String name, AssetType type, String callSign) {
        return new NewAsset(name, type, callSign, Map.of());
    }
}
