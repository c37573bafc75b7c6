package dev.publicsafety.dal.training.adopt;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands out one connection whose transaction its caller owns: Flyway's commits, rollbacks,
 * auto-commit switches and closes do nothing, so its baseline and migrations join the adoption's
 * transaction instead of committing half of it. A failure still reaches the owner as an exception,
 * and the owner rolls the whole transaction back.
 */
final class SingleConnectionDataSource implements DataSource {

    private final Connection shared;

    SingleConnectionDataSource(Connection connection) {
        this.shared = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "commit", "rollback", "setAutoCommit", "close" -> null;
                    case "getAutoCommit" -> false;
                    default -> {
                        try {
                            yield method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    @Override
    public Connection getConnection() {
        return shared;
    }

    @Override
    public Connection getConnection(String username, String password) {
        return shared;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new java.sql.SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
