package dev.publicsafety.dal.jsonb;

import dev.publicsafety.dal.error.InvalidInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.JSONB;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.AbstractConverter;

/**
 * Maps a JSONB column to a Java type through the shared {@link JsonMapper}. The generated tables
 * use it for every JSONB column whose shape the data layer owns. A column that may hold documents
 * written by another system ({@link KeepsStored}) gets a fallback: a document the strict type does
 * not accept is read as it is stored instead of failing, and written back unchanged.
 */
public final class JsonbConverter<T> extends AbstractConverter<JSONB, T> {

    private static final long serialVersionUID = 1L;

    /** Equal JSON values, numbers by value: {@code 1} and {@code 1.0} are the same {@code jsonb}. */
    private static final Comparator<JsonNode> SAME_JSON_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private final transient JavaType javaType;
    // Built once rather than per value: bulk ingest converts every row.
    private final transient ObjectReader reader;
    private final transient ObjectWriter writer;
    // Null for the columns whose every document the data layer wrote itself.
    private final transient Function<JsonNode, T> asStored;

    public JsonbConverter(Class<T> type) {
        this(type, JsonMapper.shared().constructType(type), null);
    }

    private JsonbConverter(Class<T> type, JavaType javaType, Function<JsonNode, T> asStored) {
        super(JSONB.class, type);
        this.javaType = javaType;
        this.reader = JsonMapper.shared().readerFor(javaType);
        this.writer = JsonMapper.shared().writerFor(javaType);
        this.asStored = asStored;
    }

    /** A converter that reads a document {@code type} does not accept as {@code asStored(document)} rather than failing. */
    public static <T extends KeepsStored> JsonbConverter<T> keepingStored(Class<T> type, Function<JsonNode, T> asStored) {
        return new JsonbConverter<>(type, JsonMapper.shared().constructType(type), asStored);
    }

    /** A converter for a JSON array of {@code element}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <E> JsonbConverter<List<E>> listOf(Class<E> element) {
        return new JsonbConverter<>((Class) List.class,
                JsonMapper.shared().getTypeFactory().constructCollectionType(List.class, element), null);
    }

    /** A converter for a JSON object whose values are all {@code value}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <V> JsonbConverter<Map<String, V>> mapOf(Class<V> value) {
        return new JsonbConverter<>((Class) Map.class,
                JsonMapper.shared().getTypeFactory().constructMapType(Map.class, String.class, value), null);
    }

    @Override
    public T from(JSONB databaseObject) {
        if (databaseObject == null) {
            return null;
        }
        if (asStored != null) {
            return typedOrAsStored(databaseObject);
        }
        try {
            return reader.readValue(databaseObject.data());
        } catch (JsonProcessingException e) {
            throw new DataTypeException("JSONB value does not match " + javaType + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public JSONB to(T userObject) {
        if (userObject == null) {
            return null;
        }
        if (userObject instanceof KeepsStored kept && kept.stored() != null) {
            return JSONB.valueOf(kept.stored().toString());
        }
        try {
            return JSONB.valueOf(writer.writeValueAsString(userObject));
        } catch (JsonProcessingException e) {
            throw new DataTypeException("cannot write " + javaType + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The typed value only if the type accepts the document and writes it back as the same JSON
     * (numbers compared by value, as {@code jsonb} does); otherwise the document as stored. So no
     * read fails, and writing back what was read never changes a row.
     */
    private T typedOrAsStored(JSONB databaseObject) {
        JsonNode document;
        try {
            document = JsonMapper.shared().readTree(databaseObject.data());
        } catch (JsonProcessingException e) {
            // PostgreSQL stores only well-formed JSON; this is a document beyond the parser's limits.
            throw new DataTypeException("JSONB value cannot be parsed: " + e.getOriginalMessage(), e);
        }
        T typed = exactly(reader, document);
        return typed != null ? typed : asStored.apply(document);
    }

    /**
     * {@code document} read by {@code reader}, only if its type accepts it and writes it back as
     * the same JSON (numbers compared by value, as {@code jsonb} does); null otherwise.
     */
    public static <T> T exactly(ObjectReader reader, JsonNode document) {
        try {
            T typed = reader.readValue(document);
            if (typed != null && JsonMapper.shared().valueToTree(typed).equals(SAME_JSON_VALUE, document)) {
                return typed;
            }
        } catch (IOException | IllegalArgumentException | InvalidInputException e) {
            // Not this type, or not writable as it was read.
        }
        return null;
    }

}
