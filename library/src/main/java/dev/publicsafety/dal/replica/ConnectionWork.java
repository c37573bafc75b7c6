package dev.publicsafety.dal.replica;

import java.sql.Connection;
import java.sql.SQLException;

/** One transaction on a connection the {@link ReplicaRouter} lends: the work begins, commits and ends it. */
@FunctionalInterface
public interface ConnectionWork<T> {

    T run(Connection connection) throws SQLException;
}
