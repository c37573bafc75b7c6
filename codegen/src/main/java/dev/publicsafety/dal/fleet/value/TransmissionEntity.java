package dev.publicsafety.dal.fleet.value;

import dev.publicsafety.dal.error.InvalidInputException;

/**
 * One entity the transcription pipeline extracted from a transmission: a plate, an address, a
 * unit, a person. The type is open text (e.g. {@code PLATE}, {@code ADDRESS}, {@code UNIT}) so that
 * a new extractor label needs no release of the data layer. {@code start}/{@code end} are character
 * offsets into the transcription, when known.
 */
public record TransmissionEntity(String type, String value, Double confidence, Integer start, Integer end) {

    public TransmissionEntity {
        if (type == null || type.isBlank()) {
            throw new InvalidInputException("type", "an extracted entity needs a type");
        }
        if (value == null) {
            throw new InvalidInputException("value", "an extracted entity needs a value");
        }
        if (confidence != null && (confidence < 0 || confidence > 1)) {
            throw new InvalidInputException("confidence", "entity confidence must be between 0 and 1, was " + confidence);
        }
        if (start != null && end != null && (start < 0 || start >= end)) {
            throw new InvalidInputException("start", "entity span must satisfy 0 <= start < end, was " + start + ".." + end);
        }
    }

    /** An entity to search for by containment: only type and value are compared. */
    public static TransmissionEntity of(String type, String value) {
        return new TransmissionEntity(type, value, null, null, null);
    }
}
