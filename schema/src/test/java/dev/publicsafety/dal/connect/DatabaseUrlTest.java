package dev.publicsafety.dal.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseUrlTest {

    @ParameterizedTest
    @CsvSource({
        "postgresql://user:secret@db.example.org:6543/radio_fleet, db.example.org, 6543, radio_fleet, user, secret",
        "postgresql+asyncpg://user:secret@localhost:5432/911_training, localhost, 5432, 911_training, user, secret",
        "postgres://user@host/db, host, 5432, db, user,",
        "jdbc:postgresql://host:5433/db?user=u&password=p, host, 5433, db, u, p",
        "postgresql://user:p%40ss%3Aword@host/db, host, 5432, db, user, p@ss:word",
    })
    void shouldParseTheUrlFormsOperatorsUse(String url, String host, int port, String database, String user, String password) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        assertEquals(host, parsed.host());
        assertEquals(port, parsed.port());
        assertEquals(database, parsed.database());
        assertEquals(user, parsed.user());
        assertEquals(password, parsed.password());
    }

    @Test
    void shouldTranslateAsyncpgSslToSslmode() {
        DatabaseUrl parsed = DatabaseUrl.parse("postgresql+asyncpg://u@h/db?ssl=require");
        assertEquals("jdbc:postgresql://h:5432/db?sslmode=require", parsed.jdbcUrl());
    }

    @Test
    void shouldNeverPrintThePassword() {
        DatabaseUrl parsed = DatabaseUrl.parse("postgresql://admin:hunter2@h/db");
        assertFalse(parsed.toString().contains("hunter2"));
        assertFalse(parsed.jdbcUrl().contains("hunter2"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.parse("postgresql://admin:hunter2@h:notaport/db"));
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }

    /** Whatever reserved characters an unencoded password holds, no fragment of it reaches the message. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgresql://u:se/cretPW1x@host/db       | postgresql://***@host/db",
        "postgresql://u:p@ssPW2word@host/db       | postgresql://***@host/db",
        "postgresql://u:se?cret@PW3x@host/db      | postgresql://***@host/db",
        "postgresql://u:se#cretPW4x@host/db       | postgresql://***@host/db",
        "postgresql://u:se%cretPW5x@host/db       | postgresql://***@host/db",
        "postgresql://u:PW6x@host:notaport/db     | postgresql://***@host:notaport/db",
        "jdbc:postgresql://host:0/db?user=u&password=PW7x  | password=***",
        "u:se/cretPW8x@localhost/db                  | ***@localhost/db",
    })
    void shouldNeverPrintAnyPartOfAnUnreadablePassword(String url, String shown) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(url));
        assertFalse(error.getMessage().contains("PW"), error.getMessage());
        assertTrue(error.getMessage().contains(shown), error.getMessage());
        assertTrue(error.getMessage().contains("percent-encode") || error.getMessage().contains("a port is 1 to 65535")
                || error.getMessage().contains("is not a URL"),
                error.getMessage());
    }

    @Test
    void shouldReadAnIpv6LiteralAsItsAddress() {
        DatabaseUrl parsed = DatabaseUrl.parse("postgresql://postgres@[::1]:5432/postgres");
        assertEquals("::1", parsed.host());
        assertEquals("jdbc:postgresql://[::1]:5432/postgres", parsed.jdbcUrl());
        assertEquals("postgresql://postgres@[::1]:5432/postgres", parsed.toString());
    }

    @Test
    void shouldEscapeControlCharactersOfTheDatabaseName() {
        DatabaseUrl parsed = DatabaseUrl.parse("postgresql://u@h/a%0Ab%1B%5B31m");
        assertEquals("a\\nb\\u001b[31m", parsed.toString().substring(parsed.toString().lastIndexOf('/') + 1));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.parse("postgresql://u@h/a%2F%0Ab"));
        assertTrue(error.getMessage().contains("invalid database name 'a/\\nb'"), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mysql://u@h/db | scheme 'mysql' is not supported",
        "localhost:5432/db | is not a URL",
        "postgresql://u@h | names no database",
        "'' | database URL is empty",
    })
    void shouldExplainWhatIsWrongWithABadUrl(String url, String expected) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(url));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void shouldSwitchDatabaseKeepingCredentials() {
        DatabaseUrl other = DatabaseUrl.parse("postgresql://u:p@h/one").withDatabase("two");
        assertEquals("two", other.database());
        assertEquals("p", other.password());
        assertNull(DatabaseUrl.parse("postgresql://h/db").user());
    }
}
