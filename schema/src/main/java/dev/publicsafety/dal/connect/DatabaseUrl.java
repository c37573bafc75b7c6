package dev.publicsafety.dal.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL connection target, parsed from the URL forms operators already use:
 * {@code postgresql://user:pass@host:port/db}, its driver-suffixed variants such as
 * {@code postgresql+asyncpg://…} (the form the replaced Python services use) and
 * {@code jdbc:postgresql://host:port/db?user=…}.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password,
                          Map<String, String> parameters) {

    private static final int DEFAULT_PORT = 5432;

    /** How long {@link #dataSource()} waits to connect and log in, unless the URL sets connectTimeout/loginTimeout. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;

    public DatabaseUrl {
        parameters = Map.copyOf(parameters);
    }

    /** Said with every URL that cannot be read: the usual cause is a password with a reserved character. */
    private static final String ENCODE_HINT = "percent-encode special characters in the user name and password"
            + " (%40 for @, %2F for /, %3F for ?, %23 for #, %25 for %)";

    /**
     * Parses {@code url}. An error message shows the URL without its user-info part at all (never a
     * fragment of a password, whatever characters it holds) and with control characters escaped.
     */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidDatabaseUrlException("database URL is empty: pass --url or set DATABASE_URL");
        }
        String trimmed = url.trim();
        String withoutJdbc = trimmed.startsWith("jdbc:") ? trimmed.substring("jdbc:".length()) : trimmed;
        int schemeEnd = withoutJdbc.indexOf("://");
        if (schemeEnd < 0) {
            throw new InvalidDatabaseUrlException("database URL '" + redact(trimmed)
                    + "' is not a URL: expected postgresql://user:password@host:port/database");
        }
        String scheme = withoutJdbc.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String baseScheme = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        if (!baseScheme.equals("postgresql") && !baseScheme.equals("postgres")) {
            throw new InvalidDatabaseUrlException("database URL scheme '" + OneLine.escape(scheme) + "' is not supported: expected "
                    + "postgresql://, postgresql+asyncpg:// or jdbc:postgresql://");
        }
        requireEncodedUserInfo(trimmed, withoutJdbc.substring(schemeEnd + "://".length()));
        URI uri;
        try {
            uri = new URI("postgresql" + withoutJdbc.substring(schemeEnd));
        } catch (URISyntaxException e) {
            throw new InvalidDatabaseUrlException("database URL '" + redact(trimmed) + "' is malformed ("
                    + e.getReason().toLowerCase(Locale.ROOT) + "); " + ENCODE_HINT);
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            if (uri.getRawAuthority() != null && !uri.getRawAuthority().isBlank() && !uri.getRawAuthority().endsWith("@")) {
                throw new InvalidDatabaseUrlException("database URL '" + redact(trimmed) + "' has an invalid host or port; "
                        + ENCODE_HINT);
            }
            host = "localhost";
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // an IPv6 literal: the brackets belong to the URL, not the address
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            // checked here: the driver would log its own complaint through java.util.logging, then fail vaguely
            throw new InvalidDatabaseUrlException("database URL '" + redact(trimmed) + "' has port " + port + ": a port is 1 to 65535");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path, trimmed);
        if (database.isEmpty()) {
            throw new InvalidDatabaseUrlException("database URL '" + redact(trimmed) + "' names no database: add /<database> after the host");
        }
        if (database.contains("/")) {
            throw new InvalidDatabaseUrlException("database URL '" + redact(trimmed) + "' has an invalid database name '"
                    + OneLine.escape(database) + "'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq), trimmed);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), trimmed);
                params.put(key, value);
            }
        }
        String user = params.remove("user");
        String password = params.remove("password");
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon), trimmed);
            password = colon < 0 ? password : decode(info.substring(colon + 1), trimmed);
        }
        // asyncpg spells TLS as ssl=require; the JDBC driver wants sslmode.
        String ssl = params.remove("ssl");
        if (ssl != null && !params.containsKey("sslmode")) {
            params.put("sslmode", ssl.equals("true") ? "require" : ssl);
        }
        return new DatabaseUrl(host, port, database, user, password, params);
    }

    /**
     * Refuses a user-info part that a URI parser would split elsewhere than the operator meant: a
     * password holding an unencoded {@code /} or {@code @} would otherwise be read as part of the
     * host or path, and echoed in whatever error followed.
     */
    private static void requireEncodedUserInfo(String url, String afterScheme) {
        // A '?' or '#' before the '@' ends the authority early: the URI parser then fails on the host, redacted.
        String beforeQuery = afterScheme.split("[?#]", 2)[0];
        int at = beforeQuery.lastIndexOf('@');
        if (at >= 0 && beforeQuery.substring(0, at).chars().anyMatch(c -> c == '/' || c == '@')) {
            throw new InvalidDatabaseUrlException("database URL '" + redact(url) + "' has a user name or password holding"
                    + " an unencoded '/' or '@'; " + ENCODE_HINT);
        }
    }

    /** The same server and credentials, another database. */
    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(host, port, otherDatabase, user, password, parameters);
    }

    /** JDBC URL without credentials; pass {@link #properties()} alongside it. */
    public String jdbcUrl() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        String query = parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + encode(database) + (query.isEmpty() ? "" : "?" + query);
    }

    /** Driver properties carrying the credentials. */
    public Properties properties() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /**
     * An unpooled data source for short-lived work (migrations, tools, tests); applications should
     * hand the DAL their own pool instead.
     */
    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        // Bounded waits unless the URL says otherwise: something on the port that is not PostgreSQL,
        // or a peer that accepts and never answers, fails in seconds instead of hanging.
        dataSource.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setURL(jdbcUrl());
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    /** For logs and error messages: no password. */
    @Override
    public String toString() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return OneLine.escape("postgresql://" + (user == null ? "" : user + "@") + hostPart + ":" + port + "/" + database);
    }

    /**
     * The URL for an error message: user and password given as query parameters masked, and all the
     * text up to the last {@code @} (the user-info part, however many reserved characters its password
     * holds) replaced by {@code ***}; control characters escaped.
     */
    private static String redact(String url) {
        String masked = withoutQueryCredentials(url);
        int scheme = masked.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + "://".length(); // no scheme: user info from the start (u:pw@host/db)
        int at = masked.lastIndexOf('@');
        if (at >= start) {
            masked = masked.substring(0, start) + "***" + masked.substring(at);
        }
        return OneLine.escape(masked);
    }

    private static String withoutQueryCredentials(String url) {
        return url.replaceAll("(?i)([?&](?:user|password)=)[^&]*", "$1***");
    }

    /** Percent-decodes a part of {@code url}; the decoder's own message would quote the part, perhaps a password. */
    private static String decode(String s, String url) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            throw new InvalidDatabaseUrlException("database URL '" + redact(url) + "' holds a '%' that starts no"
                    + " percent-escape; " + ENCODE_HINT);
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
