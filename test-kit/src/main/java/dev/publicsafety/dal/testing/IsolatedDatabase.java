package dev.publicsafety.dal.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a database of its own, injected as a {@link TestDatabase}
 * parameter. By default it is a clone of a template that both domains were migrated into once per
 * test JVM, so it is ready in milliseconds; {@code migrated = false} gives an empty database.
 *
 * <p>A parameter of type {@link ApplicationRole} gets the class's application role (made on first
 * use, pooled with {@link #rolePoolSize} connections, dropped after the class); one of type
 * {@link Tenant} gets the class's tenant: an organization created through that role, with a
 * {@code FleetDatabase} connected as it.
 *
 * <p>Where the server comes from: an embedded PostgreSQL started once per JVM (default); the server
 * of {@code DAL_TEST_DATABASE_URL} when that is set; a Testcontainers PostgreSQL with
 * {@code -Ddal.test.db=testcontainers} (needs Docker). With {@code -Ddal.test.pooler=pgbouncer}
 * the application roles log in through a {@link PgBouncer} in front of that server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(IsolatedDatabaseExtension.class)
public @interface IsolatedDatabase {

    boolean migrated() default true;

    /** Connections in the pool of the class's {@link ApplicationRole}. */
    int rolePoolSize() default 4;
}
