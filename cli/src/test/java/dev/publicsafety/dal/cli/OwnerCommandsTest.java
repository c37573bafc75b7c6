package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands only the schema owner may run say so in one line when run as the application role
 * (issue #29), and undo nothing: both schemas stay at head.
 */
@IsolatedDatabase
class OwnerCommandsTest {

    @ParameterizedTest
    @ValueSource(strings = {"undo", "clean --yes", "reset --yes", "partitions create --months-ahead 8", "audit verify",
        "audit checkpoint"})
    void shouldSayInOneLineThatTheCommandIsTheOwners(String command, TestDatabase db, ApplicationRole app) {
        DatabaseUrl role = app.url();
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--url", "postgresql://" + role.user() + ":" + role.password() + "@" + role.host() + ":" + role.port()
                + "/" + role.database()));
        Dal.Result result = Dal.run(args.toArray(String[]::new));

        assertEquals(1, result.exit(), result::toString);
        assertEquals(1, result.err().strip().lines().count(), result::toString);
        assertTrue(result.err().startsWith("dal " + command.split(" --")[0] + ": "), result::toString);
        assertTrue(result.err().contains("(SQLSTATE 42501): this command needs the rights of the schema owner (the role that ran"
                + " dal migrate); run it with the owner's --url"), result::toString);
        assertFalse(result.err().contains(role.password()), "never the password: " + result);
        Dal.Result info = Dal.run("info", "--url", "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port()
                + "/" + db.name());
        assertEquals(2, info.out().split("\\(at head\\)", -1).length - 1, "both schemas still at head: " + info);
    }
}
