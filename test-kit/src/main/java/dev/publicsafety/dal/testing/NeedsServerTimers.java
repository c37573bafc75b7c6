package dev.publicsafety.dal.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * Marks a test that waits for one of PostgreSQL's own timers ({@code lock_timeout},
 * {@code statement_timeout}, {@code deadlock_timeout}) to fire. Under libfaketime (the suite run
 * with its clock moved, {@code faketime '+1y' ./mvnw verify}) those timers of a server the tests
 * start never fire, seen on PostgreSQL 15 and 18, so such a test is skipped there, with this reason.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@DisabledIfEnvironmentVariable(named = "LD_PRELOAD", matches = ".*faketime.*",
        disabledReason = "libfaketime keeps PostgreSQL's timers (lock_timeout, statement_timeout, deadlock_timeout) from firing")
public @interface NeedsServerTimers {
}
