package dev.publicsafety.dal.codegen;

import java.util.Locale;
import org.jooq.codegen.DefaultGeneratorStrategy;
import org.jooq.meta.Definition;
import org.jooq.meta.EnumDefinition;

/**
 * jOOQ's defaults, except for enums, which follow one rule in both schemas: the class is named for
 * what the type holds, without the {@code _enum} suffix the simulator's types carry
 * ({@code training.speaker_enum} is {@code Speaker}, like {@code fleet.incident_status} is
 * {@code IncidentStatus}); constants follow Java naming ({@code IncidentStatus.ON_SCENE}) while
 * their labels stay as in PostgreSQL ({@code 'on_scene'}), which also keeps {@code 'new'} from
 * becoming the identifier {@code new_}.
 */
public final class ProjectGeneratorStrategy extends DefaultGeneratorStrategy {

    private static final String ENUM_SUFFIX = "Enum";

    @Override
    public String getJavaClassName(Definition definition, Mode mode) {
        String name = super.getJavaClassName(definition, mode);
        if (definition instanceof EnumDefinition && name.endsWith(ENUM_SUFFIX) && name.length() > ENUM_SUFFIX.length()) {
            return name.substring(0, name.length() - ENUM_SUFFIX.length());
        }
        return name;
    }

    @Override
    public String getJavaEnumLiteral(EnumDefinition definition, String literal) {
        return super.getJavaEnumLiteral(definition, literal.toUpperCase(Locale.ROOT));
    }
}
