package dev.publicsafety.dal.internal;

import dev.publicsafety.dal.Instrumentation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The data layer's own counters, in the application's {@link MeterRegistry}: rows ingested, retries
 * and audit chains verified. Tags are low-cardinality only (a domain, a table, an outcome), never an
 * organization. Kept apart from {@link UnitOfWork} so that only an application that counts needs
 * {@code micrometer-core}. Internal: not part of the library's API.
 */
public final class DalMeters {

    private final MeterRegistry registry;

    private DalMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The counters of {@code instrumentation}, or null when it has no meter registry. */
    public static DalMeters of(Instrumentation instrumentation) {
        return instrumentation.meterRegistry() == null ? null : new DalMeters(instrumentation.meterRegistry());
    }

    /** {@code rows} rows of {@code collection} ({@code fleet.transmissions}) loaded by a unit of work that committed. */
    void rowsIngested(String domain, String collection, long rows) {
        Counter.builder("dal.rows.ingested").description("rows loaded by bulk ingests whose unit of work committed")
                .baseUnit("rows").tag("dal.domain", domain).tag("db.collection.name", collection)
                .register(registry).increment(rows);
    }

    /** A unit of work run again after {@code errorType} (40001, a serialization failure; 40P01, a deadlock). */
    void retried(String domain, String operation, String errorType) {
        Counter.builder("dal.retries").description("units of work run again after a serialization failure or a deadlock")
                .tag("dal.domain", domain).tag("dal.operation", operation).tag("error.type", errorType)
                .register(registry).increment();
    }

    /** One organization's audit chain verified: intact, or broken. */
    public void auditChainVerified(boolean intact) {
        Counter.builder("dal.audit.verifications").description("organizations' audit chains verified, by outcome")
                .tag("dal.domain", "fleet").tag("dal.outcome", intact ? "intact" : "broken")
                .register(registry).increment();
    }
}
