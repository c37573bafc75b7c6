package dev.publicsafety.dal.jsonb;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSONB value type that can also stand for a stored document it does not accept (one written by
 * another system), so that reading such a row neither fails nor loses anything. Such a value has
 * only {@link #stored()}; {@link JsonbConverter} writes it back exactly as it was read.
 */
public interface KeepsStored {

    /** The document exactly as stored when the type did not accept it; null for a value of the type. */
    JsonNode stored();
}
