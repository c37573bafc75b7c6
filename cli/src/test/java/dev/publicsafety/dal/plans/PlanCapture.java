package dev.publicsafety.dal.plans;

import com.fasterxml.jackson.databind.JsonNode;
import dev.publicsafety.dal.jsonb.JsonMapper;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Wraps a DataSource so that every query the data layer runs is first EXPLAINed on the same
 * connection, with the same bind values, role and transaction settings (row-level security
 * included), and the plan kept. What a repository actually sends is what gets checked.
 */
final class PlanCapture {

    /** A statement and the plan PostgreSQL chose for it. */
    record Plan(String sql, JsonNode plan) {
    }

    private final List<Plan> plans = Collections.synchronizedList(new ArrayList<>());

    List<Plan> plans() {
        return List.copyOf(plans);
    }

    void clear() {
        plans.clear();
    }

    DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, args, result) -> result instanceof Connection connection
                ? connection(connection) : result);
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (method, args, result) ->
                method.getName().equals("prepareStatement") && result instanceof PreparedStatement statement
                        ? statement(target, (String) args[0], statement) : result);
    }

    private PreparedStatement statement(Connection connection, String sql, PreparedStatement target) {
        List<Object[]> binds = new ArrayList<>();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                binds.add(new Object[] {method, args});
            }
            if (method.getName().equals("clearParameters")) {
                binds.clear();
            }
            if ((method.getName().equals("executeQuery") || method.getName().equals("execute")) && (args == null || args.length == 0)
                    && isQuery(sql)) {
                explain(connection, sql, binds);
            }
            return invoke(method, target, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(PlanCapture.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                handler);
    }

    private static boolean isQuery(String sql) {
        String head = sql.stripLeading().toLowerCase(Locale.ROOT);
        return (head.startsWith("select") || head.startsWith("with") || head.startsWith("update") || head.startsWith("delete"))
                && !head.startsWith("select set_config") && !head.contains("pg_advisory");
    }

    /**
     * A fleet transaction's set-up may come in the same statement as its first query
     * ({@code select fleet.set_org_id(?), now(); select …}): the set-up is run first, as it would
     * be, so that the query is planned for the organization, and only the query is EXPLAINed.
     */
    private void explain(Connection connection, String sql, List<Object[]> binds) throws SQLException {
        int split = sql.lastIndexOf("; ");
        String query = split < 0 ? sql : sql.substring(split + 2);
        int setUpParameters = 0;
        if (split >= 0) {
            String setUp = sql.substring(0, split);
            setUpParameters = (int) setUp.chars().filter(c -> c == '?').count();
            try (PreparedStatement statement = connection.prepareStatement(setUp)) {
                bind(statement, binds, 0, setUpParameters);
                statement.execute();
            } catch (Exception e) {
                throw new SQLException("cannot run the set-up of " + sql + ": " + e.getMessage(), e);
            }
        }
        // EXPLAIN without ANALYZE executes nothing, so an UPDATE or DELETE is planned, not run.
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + query)) {
            bind(explain, binds, setUpParameters, Integer.MAX_VALUE);
            try (ResultSet rs = explain.executeQuery()) {
                rs.next();
                plans.add(new Plan(query, JsonMapper.shared().readTree(rs.getString(1)).get(0).get("Plan")));
            }
        } catch (SQLException | RuntimeException e) {
            throw new SQLException("cannot EXPLAIN " + sql + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replays the binds of parameters {@code from + 1} to {@code to} on {@code statement}, numbered from 1. */
    private static void bind(PreparedStatement statement, List<Object[]> binds, int from, int to) throws Exception {
        for (Object[] bind : binds) {
            Object[] args = ((Object[]) bind[1]).clone();
            int index = (Integer) args[0];
            if (index > from && index <= to) {
                args[0] = index - from;
                invoke((Method) bind[0], statement, args);
            }
        }
    }

    private interface After {
        Object apply(Method method, Object[] args, Object result) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        return type.cast(Proxy.newProxyInstance(PlanCapture.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> after.apply(method, args, invoke(method, target, args))));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
