package dev.publicsafety.dal.entry;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A data source that records every JDBC call that makes pgjdbc wait for the server: statement
 * executions, commit and rollback, and reading or setting the isolation level (pgjdbc asks the
 * server for it each time). With auto-commit off, pgjdbc sends {@code BEGIN} in the same flight as
 * the transaction's first statement, so it is no call of its own.
 */
final class RoundTripCounter {

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");
    private static final Set<String> CONNECTION_TRIPS = Set.of("commit", "rollback", "getTransactionIsolation",
            "setTransactionIsolation");

    private final List<String> calls = new ArrayList<>();
    private final Set<String> statementMethods = new java.util.HashSet<>();

    DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, args, result) -> result instanceof Connection c
                ? proxy(Connection.class, c, this::onConnection) : result);
    }

    /** The recorded round trips since the last call, e.g. {@code [execute: select …, commit]}. */
    List<String> drain() {
        List<String> seen = List.copyOf(calls);
        calls.clear();
        return seen;
    }

    /** The names of every statement method called so far, round trip or not. */
    Set<String> statementMethods() {
        return Set.copyOf(statementMethods);
    }

    private Object onConnection(Method method, Object[] args, Object result) {
        if (CONNECTION_TRIPS.contains(method.getName())) {
            calls.add(method.getName());
        }
        if (result instanceof Statement statement) {
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : "";
            Class<? extends Statement> type = method.getReturnType().asSubclass(Statement.class);
            return proxy(type, statement, (m, a, r) -> {
                statementMethods.add(m.getName());
                if (EXECUTIONS.contains(m.getName())) {
                    calls.add(m.getName() + ": " + (a != null && a.length > 0 && a[0] instanceof String text ? text : sql));
                }
                return r;
            });
        }
        return result;
    }

    private interface After {
        Object apply(Method method, Object[] args, Object result);
    }

    /** A proxy of {@code type} over {@code target}; a call that fails is recorded too. */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, After after) {
        InvocationHandler handler = (self, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return method.invoke(target, args);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                after.apply(method, args, null);
                throw e.getCause();
            }
            return after.apply(method, args, result);
        };
        return (T) Proxy.newProxyInstance(RoundTripCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
