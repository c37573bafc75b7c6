package dev.publicsafety.dal.fleet.radio;

import dev.publicsafety.dal.fleet.internal.Validate;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import java.util.Map;

/**
 * What it takes to create a radio channel; the configuration is checked for the source type (see
 * the keys in {@link RadioChannelRepository}).
 */
public record NewRadioChannel(String name, ChannelSourceType sourceType, Map<String, Object> sourceConfig) {

    public NewRadioChannel {
        Validate.text("radio channel name", name, 200);
        sourceConfig = Map.copyOf(ChannelConfig.validated(name, sourceType, sourceConfig));
    }
}
