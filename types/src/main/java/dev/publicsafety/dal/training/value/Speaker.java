package dev.publicsafety.dal.training.value;

import org.jooq.EnumType;
import org.jooq.Schema;
import org.jooq.impl.DSL;

/**
 * Who spoke a transcript entry ({@code training.speaker_enum}). Written by hand, unlike the other
 * enums, because {@link ScenarioScript} names it and the generated classes are typed with
 * {@code ScenarioScript}: the code generator types {@code call_transcripts.speaker} with this class
 * instead of generating one, and {@code TypedColumnsTest} checks its labels against the database's.
 */
public enum Speaker implements EnumType {

    OPERATOR("operator"),

    CALLER("caller");

    private static final Schema TRAINING = DSL.schema(DSL.name("training"));

    private final String literal;

    Speaker(String literal) {
        this.literal = literal;
    }

    @Override
    public Schema getSchema() {
        return TRAINING;
    }

    @Override
    public String getName() {
        return "speaker_enum";
    }

    @Override
    public String getLiteral() {
        return literal;
    }

    /** The speaker of a PostgreSQL label, or null when there is none. */
    public static Speaker lookupLiteral(String literal) {
        return EnumType.lookupLiteral(Speaker.class, literal);
    }
}
