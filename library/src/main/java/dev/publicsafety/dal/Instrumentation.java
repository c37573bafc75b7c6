package dev.publicsafety.dal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@code FleetDatabase} or {@code TrainingDatabase} reports of the work it does
 * ({@code FleetOptions.withInstrumentation}, {@code TrainingOptions.withInstrumentation}): Micrometer
 * observations of each unit of work and each statement, to an {@link ObservationRegistry}, the data
 * layer's own counters (rows ingested, retries, audit chains verified) in a {@link MeterRegistry}, and a WARN
 * log line for each unit of work slower than a threshold. {@link #off()} by default: then no
 * observation is made, nothing is counted and nothing is timed.
 *
 * <p>Micrometer's {@code micrometer-observation} and {@code micrometer-core} are optional
 * dependencies of the data layer: an application that reports to a registry has them (Spring Boot
 * applications with Actuator do); one that does not needs neither them nor this class's registry methods.
 */
public final class Instrumentation {

    private static final Instrumentation OFF = new Instrumentation(null, null, null);

    /** Null: no observations. */
    private final ObservationRegistry registry;
    /** Null: no counters. */
    private final MeterRegistry meters;
    /** Null: no slow-unit log. */
    private final Duration slowUnitThreshold;

    private Instrumentation(ObservationRegistry registry, MeterRegistry meters, Duration slowUnitThreshold) {
        this.registry = registry;
        this.meters = meters;
        this.slowUnitThreshold = slowUnitThreshold;
    }

    /** No observations and no slow-unit log: the default. */
    public static Instrumentation off() {
        return OFF;
    }

    /** Observations of every unit of work and statement, made in {@code registry}. */
    public static Instrumentation observedBy(ObservationRegistry registry) {
        return OFF.withObservationRegistry(registry);
    }

    /** This instrumentation reporting to {@code registry} (Micrometer's no-op registry turns the observations off). */
    public Instrumentation withObservationRegistry(ObservationRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return new Instrumentation(registry.isNoop() ? null : registry, meters, slowUnitThreshold);
    }

    /**
     * This instrumentation also counting, in {@code meters}, the rows that bulk ingests load
     * ({@code dal.rows.ingested}, once their unit of work commits), the retries after a serialization
     * failure or a deadlock ({@code dal.retries}, by SQLSTATE) and the audit chains verified
     * ({@code dal.audit.verifications}); tagged with low-cardinality values only, never an
     * organization. A unit of work's own count and timing is its {@code dal.unit} observation's.
     */
    public Instrumentation withMeterRegistry(MeterRegistry meters) {
        return new Instrumentation(registry, Objects.requireNonNull(meters, "meters"), slowUnitThreshold);
    }

    /**
     * This instrumentation also logging, once, at WARN on the logger {@code dev.publicsafety.dal.SlowUnits},
     * each unit of work that takes {@code threshold} or longer, with its statements' summaries and
     * timings (never their values); null turns the log off.
     */
    public Instrumentation withSlowUnitThreshold(Duration threshold) {
        if (threshold != null && (threshold.isNegative() || threshold.isZero())) {
            throw new IllegalArgumentException("slowUnitThreshold must be positive, or null for no slow-unit log");
        }
        return new Instrumentation(registry, meters, threshold);
    }

    /** Whether nothing is observed, counted or timed. */
    public boolean isOff() {
        return registry == null && meters == null && slowUnitThreshold == null;
    }

    /** The registry observations go to, or null for none. */
    public ObservationRegistry observationRegistry() {
        return registry;
    }

    /** The registry the counters go to, or null for none. */
    public MeterRegistry meterRegistry() {
        return meters;
    }

    /** The slow-unit log's threshold, or null for no log. */
    public Duration slowUnitThreshold() {
        return slowUnitThreshold;
    }

    @Override
    public String toString() {
        return isOff() ? "Instrumentation.off()" : "Instrumentation(" + (registry == null ? "no registry" : "a registry")
                + ", " + (meters == null ? "no counters" : "counters")
                + ", slow units " + (slowUnitThreshold == null ? "not logged" : "from " + slowUnitThreshold) + ")";
    }
}
