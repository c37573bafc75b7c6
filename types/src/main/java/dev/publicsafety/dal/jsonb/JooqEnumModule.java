package dev.publicsafety.dal.jsonb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jooq.EnumType;

/** Reads and writes jOOQ-generated enums by their PostgreSQL label. */
final class JooqEnumModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    JooqEnumModule() {
        super("jooq-enum-labels");
    }

    @Override
    public void setupModule(SetupContext context) {
        SimpleSerializers serializers = new SimpleSerializers();
        serializers.addSerializer(EnumType.class, new JsonSerializer<>() {
            @Override
            public void serialize(EnumType value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(value.getLiteral());
            }
        });
        context.addSerializers(serializers);
        context.addDeserializers(new Deserializers.Base() {
            @Override
            public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config, BeanDescription beanDesc) {
                return EnumType.class.isAssignableFrom(type) ? new LabelDeserializer(type) : null;
            }
        });
    }

    private static final class LabelDeserializer extends JsonDeserializer<Object> {

        private final Class<?> type;

        LabelDeserializer(Class<?> type) {
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return context.handleUnexpectedToken(type, parser);
            }
            String label = parser.getText();
            for (Object constant : type.getEnumConstants()) {
                if (((EnumType) constant).getLiteral().equals(label)) {
                    return constant;
                }
            }
            return context.handleWeirdStringValue(type, label, "expected one of %s",
                    Arrays.stream(type.getEnumConstants()).map(c -> ((EnumType) c).getLiteral()).collect(Collectors.joining(", ")));
        }
    }
}
