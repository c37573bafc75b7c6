package dev.publicsafety.dal.codegen;

import java.util.Locale;
import java.util.Map;
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
 *
 * <p>An enum that the hand-written types name (a {@code ScenarioScript} step's {@code Speaker}) is
 * written by hand in the {@code types} module, which the generated code depends on: the generated
 * columns name that class, and {@link CodeGenerator} discards jOOQ's own copy of it.
 */
public final class ProjectGeneratorStrategy extends DefaultGeneratorStrategy {

    private static final String ENUM_SUFFIX = "Enum";

    /** Package of each hand-written enum, by the PostgreSQL type it stands for. */
    static final Map<String, String> HAND_WRITTEN_PACKAGE = Map.of("training.speaker_enum", "dev.publicsafety.dal.training.value");

    @Override
    public String getJavaPackageName(Definition definition, Mode mode) {
        String handWritten = definition instanceof EnumDefinition ? HAND_WRITTEN_PACKAGE.get(definition.getQualifiedName()) : null;
        return handWritten != null ? handWritten : super.getJavaPackageName(definition, mode);
    }

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
