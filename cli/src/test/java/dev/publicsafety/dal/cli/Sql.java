package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Changes a test database by hand, as a developer or a DBA would with psql. */
final class Sql {

    private Sql() {
    }

    static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
