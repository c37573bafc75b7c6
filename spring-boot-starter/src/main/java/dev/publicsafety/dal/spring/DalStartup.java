package dev.publicsafety.dal.spring;

import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.seed.SeedReport;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * What {@code dal.migrate-on-start} and {@code dal.seed-on-start} ask for, done while the context
 * starts: the DAL beans depend on this one, so no repository runs against a schema that is still
 * being migrated. A failure stops the application from starting.
 */
public final class DalStartup implements InitializingBean {

    private static final Log LOG = LogFactory.getLog(DalStartup.class);

    private final DataSource dataSource;
    private final DalProperties properties;

    DalStartup(DataSource dataSource, DalProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        if (properties.migrateOnStart()) {
            int applied = new MigrationRunner(dataSource).migrateAll();
            LOG.info("dal.migrate-on-start: applied " + applied + " migration(s) to fleet and training");
        }
        if (properties.seedOnStart()) {
            SeedReport report = new ScenarioSeeder(dataSource).seedBundled(ScenarioSeeder.Options.DEFAULT);
            LOG.info("dal.seed-on-start: bundled training scenarios " + report);
        }
    }
}
