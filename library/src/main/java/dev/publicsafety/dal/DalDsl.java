package dev.publicsafety.dal;

import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The {@link DSLContext} the data layer is measured with: PostgreSQL dialect and jOOQ settings
 * that drop per-query work the repositories do not need (see docs/benchmarks.md for what each
 * setting is worth). Repositories accept any DSLContext; this is the recommended one.
 */
public final class DalDsl {

    private DalDsl() {
    }

    public static DSLContext using(DataSource dataSource) {
        return DSL.using(dataSource, SQLDialect.POSTGRES, settings());
    }

    /** The settings alone, for callers that build their own {@link org.jooq.Configuration}. */
    public static Settings settings() {
        return new Settings()
                // The LoggerListener checks log levels on every execution; nothing here logs SQL.
                .withExecuteLogging(false)
                // Warnings are only ever notices from PostgreSQL; fetching them costs a call per statement.
                .withFetchWarnings(false)
                .withRenderFormatted(false);
    }
}
