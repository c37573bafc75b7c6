package dev.publicsafety.dal.fleet.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.jsonb.JsonMapper;
import dev.publicsafety.dal.jsonb.JsonbConverter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.JSONB;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.AbstractConverter;

/**
 * The {@code fleet.transmissions.entities} column as {@code List<TransmissionEntity>}, in either of
 * two shapes. Ours: an array of {@code {type, value, confidence, start, end}}. The dispatch
 * product's: an object of arrays keyed by category, {@code {"unit_ids": ["E-42"], "locations":
 * ["123 Main Street"]}} ({@code {}} is no entity). A category becomes one entity per element, of
 * the type {@link #typeOfCategory} names, with the category kept; categories in {@code jsonb}'s key
 * order (shorter first, then by bytes), elements in their order. The database does the same to such
 * a document on arrival (fleet V11, {@code fleet.entities_from_categories}), so the column itself
 * holds only ours; what is written is always ours.
 *
 * <p>Reading never fails on a stored document: an element this type does not accept is kept
 * as {@link TransmissionEntity#asStored} and written back unchanged.
 */
public final class TransmissionEntities extends AbstractConverter<JSONB, List<TransmissionEntity>> {

    private static final long serialVersionUID = 1L;

    // The same table as fleet.entity_type_of_category (V11); EntityShapesTest holds the two together.
    private static final Map<String, String> TYPE_OF_CATEGORY = Map.of(
            "unit_ids", "UNIT",
            "locations", "ADDRESS",
            "incident_codes", "INCIDENT_CODE",
            "people", "PERSON",
            "organizations", "ORGANIZATION",
            "times", "TIME",
            "statuses", "STATUS");

    private static final Comparator<String> JSONB_KEY_ORDER = Comparator
            .<String>comparingInt(key -> key.getBytes(StandardCharsets.UTF_8).length)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

    private static final ObjectReader LIST = JsonMapper.shared()
            .readerFor(JsonMapper.shared().getTypeFactory().constructCollectionType(List.class, TransmissionEntity.class));
    private static final ObjectWriter LIST_WRITER = JsonMapper.shared()
            .writerFor(JsonMapper.shared().getTypeFactory().constructCollectionType(List.class, TransmissionEntity.class));
    private static final ObjectReader ELEMENT = JsonMapper.shared().readerFor(TransmissionEntity.class);

    @SuppressWarnings({"unchecked", "rawtypes"})
    public TransmissionEntities() {
        super(JSONB.class, (Class) List.class);
    }

    /** The entity type of one of the dispatch product's categories: {@code unit_ids} is UNIT, another its upper-case name. */
    public static String typeOfCategory(String category) {
        String type = TYPE_OF_CATEGORY.get(category);
        if (type != null) {
            return type;
        }
        String named = category.strip().toUpperCase(Locale.ROOT);
        return named.isEmpty() ? "UNCATEGORIZED" : named;
    }

    /** The entities of a document in either shape; never throws on well-formed JSON. */
    public static List<TransmissionEntity> read(JsonNode document) {
        if (document == null || document.isNull()) {
            return List.of();
        }
        if (document.isObject()) {
            return fromCategories(document);
        }
        if (!document.isArray()) {
            // the column's check admits only arrays (objects are turned into arrays before it)
            return List.of(TransmissionEntity.asStored(document));
        }
        List<TransmissionEntity> entities = new ArrayList<>(document.size());
        for (JsonNode element : document) {
            TransmissionEntity typed = JsonbConverter.exactly(ELEMENT, element);
            entities.add(typed != null ? typed : TransmissionEntity.asStored(element));
        }
        return List.copyOf(entities);
    }

    /** The entities as our array, elements kept as stored written back as they were. */
    public static JsonNode write(List<TransmissionEntity> entities) {
        ArrayNode array = JsonMapper.shared().createArrayNode();
        for (TransmissionEntity entity : entities) {
            array.add(entity.stored() != null ? entity.stored() : JsonMapper.shared().valueToTree(entity));
        }
        return array;
    }

    private static List<TransmissionEntity> fromCategories(JsonNode document) {
        List<String> categories = new ArrayList<>();
        document.fieldNames().forEachRemaining(categories::add);
        categories.sort(JSONB_KEY_ORDER);
        List<TransmissionEntity> entities = new ArrayList<>();
        for (String category : categories) {
            JsonNode values = document.get(category);
            Iterator<JsonNode> elements = values.isArray() ? values.elements() : List.of(values).iterator();
            while (elements.hasNext()) {
                JsonNode element = elements.next();
                if (!element.isNull()) {
                    entities.add(new TransmissionEntity(typeOfCategory(category),
                            element.isTextual() ? element.textValue() : element.toString(), null, null, null,
                            category, null));
                }
            }
        }
        return List.copyOf(entities);
    }

    @Override
    public List<TransmissionEntity> from(JSONB databaseObject) {
        if (databaseObject == null) {
            return null;
        }
        try {
            // ours, as the data layer writes it: read straight from the text
            List<TransmissionEntity> entities = LIST.readValue(databaseObject.data());
            if (entities != null && !entities.contains(null)) {
                return entities;
            }
        } catch (JsonProcessingException | IllegalArgumentException | InvalidInputException e) {
            // another shape, or elements of another system: element by element below
        }
        try {
            return read(JsonMapper.shared().readTree(databaseObject.data()));
        } catch (JsonProcessingException e) {
            // PostgreSQL stores only well-formed JSON; this is a document beyond the parser's limits.
            throw new DataTypeException("entities cannot be parsed: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public JSONB to(List<TransmissionEntity> userObject) {
        if (userObject == null) {
            return null;
        }
        try {
            return JSONB.valueOf(userObject.stream().anyMatch(e -> e.stored() != null)
                    ? write(userObject).toString()
                    : LIST_WRITER.writeValueAsString(userObject));
        } catch (JsonProcessingException e) {
            throw new DataTypeException("cannot write entities as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
