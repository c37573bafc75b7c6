package dev.publicsafety.dal.jsonb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.List;
import java.util.Map;
import org.jooq.JSONB;
import org.jooq.impl.AbstractConverter;
import org.jooq.exception.DataTypeException;

/**
 * Maps a JSONB column to a Java type through the shared {@link JsonMapper}. The generated tables
 * use it for every JSONB column whose shape the data layer owns.
 */
public final class JsonbConverter<T> extends AbstractConverter<JSONB, T> {

    private static final long serialVersionUID = 1L;

    private final transient JavaType javaType;
    // Built once rather than per value: bulk ingest converts every row.
    private final transient ObjectReader reader;
    private final transient ObjectWriter writer;

    public JsonbConverter(Class<T> type) {
        this(type, JsonMapper.shared().constructType(type));
    }

    private JsonbConverter(Class<T> type, JavaType javaType) {
        super(JSONB.class, type);
        this.javaType = javaType;
        this.reader = JsonMapper.shared().readerFor(javaType);
        this.writer = JsonMapper.shared().writerFor(javaType);
    }

    /** A converter for a JSON array of {@code element}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <E> JsonbConverter<List<E>> listOf(Class<E> element) {
        return new JsonbConverter<>((Class) List.class,
                JsonMapper.shared().getTypeFactory().constructCollectionType(List.class, element));
    }

    /** A converter for a JSON object whose values are all {@code value}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <V> JsonbConverter<Map<String, V>> mapOf(Class<V> value) {
        return new JsonbConverter<>((Class) Map.class,
                JsonMapper.shared().getTypeFactory().constructMapType(Map.class, String.class, value));
    }

    @Override
    public T from(JSONB databaseObject) {
        if (databaseObject == null) {
            return null;
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
        try {
            return JSONB.valueOf(writer.writeValueAsString(userObject));
        } catch (JsonProcessingException e) {
            throw new DataTypeException("cannot write " + javaType + " as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
