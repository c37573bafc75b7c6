package dev.publicsafety.dal.jsonb;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * JSONB operators that jOOQ's open-source DSL lacks. The value is bound through the field's own
 * data type, so a typed column is compared with a value of its Java type and never with a string.
 */
public final class Jsonb {

    private Jsonb() {
    }

    /** {@code field @> value}: the JSONB document contains {@code value}; served by a GIN index. */
    public static <T> Condition contains(Field<T> field, T value) {
        return DSL.condition("{0} @> {1}", field, DSL.val(value, field.getDataType()));
    }
}
