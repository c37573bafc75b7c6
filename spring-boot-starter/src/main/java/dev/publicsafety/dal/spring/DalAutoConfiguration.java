package dev.publicsafety.dal.spring;

import dev.publicsafety.dal.Instrumentation;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetOptions;
import dev.publicsafety.dal.training.TrainingDatabase;
import dev.publicsafety.dal.training.TrainingOptions;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The DAL from the application's {@link DataSource}: {@link FleetDatabase}, {@link TrainingDatabase}, {@link ScenarioSeeder},
 * migrate and seed on start when asked ({@link DalProperties}), the {@code dal} health indicator
 * when Spring Boot's health support is present, and the {@code dal} endpoint ({@link DalEndpoint}) when
 * Actuator is. Each bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration"})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(DalProperties.class)
public class DalAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DalStartup dalStartup(DataSource dataSource, DalProperties properties) {
        return new DalStartup(dataSource, properties);
    }

    /**
     * Built from the application's jOOQ {@link org.jooq.Configuration} when it has exactly one (so its
     * listeners, settings and transaction provider apply), else from the {@code DataSource}; observed
     * in the application's {@link ObservationRegistry} when it has exactly one (Actuator makes one), counted
     * in its {@code MeterRegistry} likewise ({@link Counting}), with
     * the slow-unit log at {@code dal.slow-unit-threshold} when that is set. Takes {@code startup} so
     * that migrating and seeding on start are done before the first transaction.
     */
    @Bean
    @ConditionalOnMissingBean
    FleetDatabase fleetDatabase(DataSource dataSource, ObjectProvider<org.jooq.Configuration> jooq,
                                ObjectProvider<ObservationRegistry> observations, ConfigurableListableBeanFactory beans,
                                DalProperties properties, DalStartup startup) {
        org.jooq.Configuration configuration = jooq.getIfUnique();
        FleetOptions options = FleetOptions.defaults().withInstrumentation(instrumentation(observations, beans, properties));
        return configuration == null ? new FleetDatabase(dataSource, options) : new FleetDatabase(configuration, options);
    }

    /** As {@link #fleetDatabase}. */
    @Bean
    @ConditionalOnMissingBean
    TrainingDatabase trainingDatabase(DataSource dataSource, ObjectProvider<org.jooq.Configuration> jooq,
                                      ObjectProvider<ObservationRegistry> observations, ConfigurableListableBeanFactory beans,
                                      DalProperties properties, DalStartup startup) {
        org.jooq.Configuration configuration = jooq.getIfUnique();
        TrainingOptions options = TrainingOptions.defaults().withInstrumentation(instrumentation(observations, beans, properties));
        return configuration == null ? new TrainingDatabase(dataSource, options) : new TrainingDatabase(configuration, options);
    }

    private static Instrumentation instrumentation(ObjectProvider<ObservationRegistry> observations,
                                                   ConfigurableListableBeanFactory beans, DalProperties properties) {
        Instrumentation logged = Instrumentation.off().withSlowUnitThreshold(properties.slowUnitThreshold());
        ObservationRegistry registry = observations.getIfUnique();
        return Counting.withMeterRegistry(registry == null ? logged : logged.withObservationRegistry(registry), beans);
    }

    @Bean
    @ConditionalOnMissingBean
    ScenarioSeeder scenarioSeeder(DataSource dataSource, DalStartup startup) {
        return new ScenarioSeeder(dataSource);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("dal")
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "dalHealthIndicator")
        DalHealthIndicator dalHealthIndicator(DataSource dataSource, DalStartup startup) {
            return new DalHealthIndicator(dataSource);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    static class Actuator {

        @Bean
        @ConditionalOnMissingBean
        DalEndpoint dalEndpoint(DataSource dataSource, DalStartup startup) {
            return new DalEndpoint(dataSource, Clock.systemUTC());
        }
    }
}
