package dev.publicsafety.dal.fleet.value;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.jsonb.KeepsStored;

/**
 * One entity the transcription pipeline extracted from a transmission: a plate, an address, a
 * unit, a person. The type is open text (e.g. {@code PLATE}, {@code ADDRESS}, {@code UNIT}) so that
 * a new extractor label needs no release of the data layer. {@code start}/{@code end} are character
 * offsets into the transcription, when known. {@code category} is the dispatch product's category
 * the entity arrived in ({@code unit_ids}, {@code locations}, …), null for ours
 * ({@link TransmissionEntities} says how one becomes the other).
 *
 * <p>A stored element this type does not accept (written by another system) is read as
 * {@link #asStored}: {@link #stored()} is the element as it is in the row, and type and value are
 * what its {@code type} and {@code value} properties hold as text, or null.
 */
public record TransmissionEntity(String type, String value, Double confidence, Integer start, Integer end,
                                 String category, @JsonIgnore JsonNode stored) implements KeepsStored {

    public TransmissionEntity {
        if (stored != null) {
            stored = stored.deepCopy();
        } else {
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
    }

    public TransmissionEntity(String type, String value, Double confidence, Integer start, Integer end) {
        this(type, value, confidence, start, end, null, null);
    }

    /** An entity to search for by containment: only type and value are compared. */
    public static TransmissionEntity of(String type, String value) {
        return new TransmissionEntity(type, value, null, null, null);
    }

    /** A stored element this type does not accept, kept exactly as stored. */
    public static TransmissionEntity asStored(JsonNode element) {
        return new TransmissionEntity(element.path("type").textValue(), element.path("value").textValue(),
                null, null, null, null, element);
    }

    /** The stored element when this type did not accept it (a copy: changing it changes nothing); null otherwise. */
    @Override
    @JsonIgnore
    public JsonNode stored() {
        return stored == null ? null : stored.deepCopy();
    }
}
