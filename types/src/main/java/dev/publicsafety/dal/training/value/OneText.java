package dev.publicsafety.dal.training.value;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * One text where a list of texts is expected (the simulator writes {@code personality} as one text,
 * we as a list): a list of that one item for callers, written back as the text it was, so a value
 * read from a row writes the same JSON.
 */
@JsonSerialize(using = OneText.Writer.class)
final class OneText extends AbstractList<String> implements RandomAccess {

    private final String text;

    OneText(String text) {
        this.text = text;
    }

    @Override
    public String get(int index) {
        if (index != 0) {
            throw new IndexOutOfBoundsException("index " + index + " of a list of one");
        }
        return text;
    }

    @Override
    public int size() {
        return 1;
    }

    static final class Writer extends JsonSerializer<OneText> {
        @Override
        public void serialize(OneText value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.text);
        }
    }

    /** Reads a text as a {@link OneText} and anything else as a list of texts. */
    static final class Reader extends JsonDeserializer<List<String>> {
        @Override
        public List<String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                return new OneText(parser.getText());
            }
            return context.readValue(parser, context.getTypeFactory().constructCollectionType(List.class, String.class));
        }
    }
}
