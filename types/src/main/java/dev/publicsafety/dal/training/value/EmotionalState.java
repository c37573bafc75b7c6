package dev.publicsafety.dal.training.value;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a simulated caller feels; drives the voice and the pacing of the simulation. */
public enum EmotionalState {
    @JsonProperty("calm") CALM,
    @JsonProperty("anxious") ANXIOUS,
    @JsonProperty("fearful") FEARFUL,
    @JsonProperty("panicked") PANICKED,
    @JsonProperty("hysterical") HYSTERICAL,
    @JsonProperty("angry") ANGRY,
    @JsonProperty("confused") CONFUSED
}
