package dev.publicsafety.dal.codegen;

import java.util.Locale;
import org.jooq.codegen.DefaultGeneratorStrategy;
import org.jooq.meta.EnumDefinition;

/**
 * jOOQ's defaults, except that enum constants follow Java naming ({@code IncidentStatus.ON_SCENE})
 * while their labels stay as in PostgreSQL ({@code 'on_scene'}); this also keeps {@code 'new'} from
 * becoming the identifier {@code new_}.
 */
public final class ProjectGeneratorStrategy extends DefaultGeneratorStrategy {

    @Override
    public String getJavaEnumLiteral(EnumDefinition definition, String literal) {
        return super.getJavaEnumLiteral(definition, literal.toUpperCase(Locale.ROOT));
    }
}
