package dev.publicsafety.dal.spring;

import dev.publicsafety.dal.Instrumentation;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * The DAL's counters go to the application's {@link MeterRegistry} when Micrometer's core is on its
 * class path and it has exactly one registry. Kept out of {@link DalAutoConfiguration} and reached
 * only after the class is found, so an application without {@code micrometer-core} runs no code
 * that needs it.
 */
final class Counting {

    private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    private Counting() {
    }

    static Instrumentation withMeterRegistry(Instrumentation instrumentation, ConfigurableListableBeanFactory beans) {
        if (!ClassUtils.isPresent(METER_REGISTRY, beans.getBeanClassLoader())) {
            return instrumentation;
        }
        MeterRegistry meters = beans.getBeanProvider(MeterRegistry.class).getIfUnique();
        return meters == null ? instrumentation : instrumentation.withMeterRegistry(meters);
    }
}
