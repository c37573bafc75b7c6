package dev.publicsafety.dal.internal;

import dev.publicsafety.dal.Instrumentation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A database's {@link Instrumentation} for one domain: runs each unit of work as a
 * {@link UnitOfWork} when anything is to be observed or timed, and straight through when nothing
 * is. Internal: not part of the library's API.
 */
public final class UnitObserver {

    private final String domain;
    /** Null: no observations. */
    private final ObservationRegistry registry;
    /** Null: no counters. */
    private final DalMeters meters;
    /** Null: no slow-unit log. */
    private final Duration slowUnitThreshold;

    /** {@code domain} as the observations name it ({@code fleet}, {@code training}). */
    public UnitObserver(String domain, Instrumentation instrumentation) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.registry = instrumentation.observationRegistry();
        this.meters = DalMeters.of(instrumentation);
        this.slowUnitThreshold = instrumentation.slowUnitThreshold();
    }

    /** Whether units of work are observed, counted or timed at all. */
    public boolean isOn() {
        return registry != null || meters != null || slowUnitThreshold != null;
    }

    /** Runs {@code work} as the unit of work {@code operation}, observed as the instrumentation says. */
    public <T> T observe(String operation, Supplier<T> work) {
        return isOn() ? new UnitOfWork(this, operation).run(work) : work.get();
    }

    String domain() {
        return domain;
    }

    ObservationRegistry registry() {
        return registry;
    }

    DalMeters meters() {
        return meters;
    }

    Duration slowUnitThreshold() {
        return slowUnitThreshold;
    }
}
