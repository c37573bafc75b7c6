package dev.publicsafety.dal.internal;

import dev.publicsafety.dal.error.ConflictException;
import dev.publicsafety.dal.error.NotFoundException;
import dev.publicsafety.dal.error.WaitTimeoutException;
import io.micrometer.observation.Observation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.Table;
import org.jooq.exception.NoDataFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One observed unit of work, current on its thread while it runs: its observation ({@code dal.unit},
 * parent of one {@code db.client.operation.duration} observation per statement), the attempts the
 * retries took, and, for the slow-unit log, each statement's summary and time. Only summaries and
 * timings are kept, never a value. Internal: not part of the library's API.
 */
public final class UnitOfWork {

    /** The logger of the slow-unit log (Instrumentation.withSlowUnitThreshold). */
    static final Logger SLOW_UNITS = LoggerFactory.getLogger("dev.publicsafety.dal.SlowUnits");
    private static final ThreadLocal<UnitOfWork> CURRENT = new ThreadLocal<>();
    /** Statements the slow-unit log names one by one; the rest it counts. */
    private static final int LISTED = 20;

    private final UnitObserver observer;
    private final String operation;
    /** Kept for the slow-unit log only, and formatted only if it logs. */
    private final List<Timed> statements = new ArrayList<>();
    private int statementCount;
    private long statementNanos;
    private int attempts = 1;
    /** Rows the current attempt ingested, by table; counted once the unit commits. Null until a bulk ingest, or without counters. */
    private Map<String, Long> ingested;
    /** Null without a registry. */
    private Observation observation;

    UnitOfWork(UnitObserver observer, String operation) {
        this.observer = observer;
        this.operation = operation;
    }

    /** The unit of work observed on this thread, or null when none is. */
    public static UnitOfWork current() {
        return CURRENT.get();
    }

    /**
     * Counts another attempt of the current unit of work, if one is observed, after {@code failure} (a
     * serialization failure or a deadlock): its outcome says how often it was retried, and the counters
     * count the retry by its SQLSTATE.
     */
    static void retrying(Throwable failure) {
        UnitOfWork unit = CURRENT.get();
        if (unit != null) {
            unit.attempts++;
            unit.ingested = null; // the attempt that loaded them rolled back
            if (unit.observer.meters() != null) {
                unit.observer.meters().retried(unit.observer.domain(), unit.operation, errorType(failure));
            }
        }
    }

    /**
     * Notes that a bulk ingest of the current unit of work, if one is counted, loaded {@code rows}
     * rows into {@code table}: they count as ingested once the unit commits, and not at all if it
     * rolls back. The one place both domains' bulk ingests report to.
     */
    public static void ingested(Table<?> table, long rows) {
        UnitOfWork unit = CURRENT.get();
        if (unit != null && unit.observer.meters() != null) {
            if (unit.ingested == null) {
                unit.ingested = new LinkedHashMap<>();
            }
            unit.ingested.merge(table.getSchema().getName() + "." + table.getName(), rows, Long::sum);
        }
    }

    <T> T run(Supplier<T> work) {
        UnitOfWork outer = CURRENT.get();
        CURRENT.set(this);
        long start = System.nanoTime();
        if (observer.registry() != null) {
            observation = Observation.createNotStarted("dal.unit", observer.registry())
                    .contextualName(observer.domain() + " " + operation)
                    .lowCardinalityKeyValue("db.system.name", "postgresql")
                    .lowCardinalityKeyValue("dal.domain", observer.domain())
                    .lowCardinalityKeyValue("dal.operation", operation)
                    .start();
        }
        Throwable failure = null;
        try (Observation.Scope scope = observation == null ? null : observation.openScope()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            CURRENT.set(outer);
            end(failure, System.nanoTime() - start);
        }
    }

    private void end(Throwable failure, long nanos) {
        String outcome = outcome(failure);
        if (observation != null) {
            observation.lowCardinalityKeyValue("dal.outcome", outcome)
                    .lowCardinalityKeyValue("dal.retries", Integer.toString(attempts - 1));
            if (failure != null) {
                observation.lowCardinalityKeyValue("error.type", errorType(failure)).error(failure);
            }
            observation.stop();
        }
        if (failure == null && ingested != null) {
            ingested.forEach((table, rows) -> observer.meters().rowsIngested(observer.domain(), table, rows));
        }
        if (observer.slowUnitThreshold() != null && nanos >= observer.slowUnitThreshold().toNanos()) {
            logSlow(outcome, nanos);
        }
    }

    /** How the unit ended: committed, or rolled back for a conflict, a missing row, a timeout or any other failure. */
    static String outcome(Throwable failure) {
        if (failure == null) {
            return "committed";
        }
        if (failure instanceof ConflictException) {
            return "conflict";
        }
        if (failure instanceof NotFoundException || failure instanceof NoDataFoundException) {
            return "not_found";
        }
        return failure instanceof WaitTimeoutException ? "timeout" : "rolled_back";
    }

    private void logSlow(String outcome, long nanos) {
        StringBuilder line = new StringBuilder().append("slow unit of work: ").append(observer.domain()).append(' ')
                .append(operation).append(" took ").append(millis(nanos)).append(" (threshold ")
                .append(observer.slowUnitThreshold().toMillis()).append(" ms), ").append(outcome.replace('_', ' '))
                .append(attempts > 1 ? " after " + attempts + " attempts" : "").append("; ").append(statementCount)
                .append(statementCount == 1 ? " statement" : " statements").append(" in ").append(millis(statementNanos));
        String separator = ": ";
        for (Timed statement : statements) {
            line.append(separator).append(statement.summary().text()).append(' ').append(millis(statement.nanos()));
            if (statement.errorType() != null) {
                line.append(" (").append(statement.errorType()).append(')');
            }
            separator = ", ";
        }
        if (statementCount > statements.size()) {
            line.append(", and ").append(statementCount - statements.size()).append(" more");
        }
        SLOW_UNITS.warn(line.toString());
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** Starts timing (and observing) a statement of this unit, about to run {@code sql} on {@code connection}. */
    public Timing statement(String sql, Connection connection) {
        return new Timing(QuerySummary.of(sql), connection);
    }

    /** {@link #statement} of the current unit of work, or null when none is observed. */
    public static Timing start(String sql, Connection connection) {
        UnitOfWork unit = CURRENT.get();
        return unit == null ? null : unit.statement(sql, connection);
    }

    /** The SQLSTATE the failure carries, else its class: low cardinality, and no message (which may quote a value). */
    private static String errorType(Throwable failure) {
        String state = sqlState(failure);
        return state != null ? state : failure.getClass().getName();
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** A statement the slow-unit log may list. */
    private record Timed(QuerySummary summary, long nanos, String errorType) {
    }

    /** One statement of the unit, from its start until {@link #end}. */
    public final class Timing {

        private final QuerySummary summary;
        private final long start;
        private final Observation statementObservation;

        private Timing(QuerySummary summary, Connection connection) {
            this.summary = summary;
            if (observation == null) {
                statementObservation = null;
            } else {
                Observation started = Observation.createNotStarted("db.client.operation.duration", observer.registry())
                        .parentObservation(observation)
                        .contextualName(summary.text())
                        .lowCardinalityKeyValue("db.system.name", "postgresql")
                        .lowCardinalityKeyValue("dal.domain", observer.domain())
                        .lowCardinalityKeyValue("db.operation.name", summary.operation())
                        .lowCardinalityKeyValue("db.query.summary", summary.text());
                String namespace = namespace(connection);
                if (namespace != null) {
                    started.lowCardinalityKeyValue("db.namespace", namespace);
                }
                if (summary.collection() != null) {
                    started.lowCardinalityKeyValue("db.collection.name", summary.collection());
                }
                statementObservation = started.start();
            }
            this.start = System.nanoTime();
        }

        /** Ends the statement, which failed with {@code failure} if that is not null. */
        public void end(Throwable failure) {
            long nanos = System.nanoTime() - start;
            statementCount++;
            statementNanos += nanos;
            if (observer.slowUnitThreshold() != null && statements.size() < LISTED) {
                statements.add(new Timed(summary, nanos, failure == null ? null : errorType(failure)));
            }
            if (statementObservation != null) {
                if (failure != null) {
                    String state = sqlState(failure);
                    if (state != null) {
                        statementObservation.lowCardinalityKeyValue("db.response.status_code", state);
                    }
                    statementObservation.lowCardinalityKeyValue("error.type", errorType(failure)).error(failure);
                }
                statementObservation.stop();
            }
        }

        /** The database's name ({@code getCatalog}, which pgjdbc answers without asking the server). */
        private static String namespace(Connection connection) {
            try {
                return connection == null ? null : connection.getCatalog();
            } catch (SQLException e) {
                return null;
            }
        }
    }
}
