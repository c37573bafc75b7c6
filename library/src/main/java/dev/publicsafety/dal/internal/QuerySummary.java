package dev.publicsafety.dal.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement as the OpenTelemetry database conventions name it, from its SQL: the operation
 * ({@code db.operation.name}, e.g. {@code SELECT}), the table it works on ({@code db.collection.name},
 * e.g. {@code fleet.incidents}) and the two together ({@code db.query.summary}); a select of a
 * function without a table is summarized with the function's name ({@code SELECT fleet.set_org_id}).
 * Only keywords and identifiers are taken from the SQL, never a literal, so a summary carries no
 * value and stays of low cardinality. Internal: not part of the library's API.
 *
 * @param collection the table, or null when the statement names none
 */
public record QuerySummary(String operation, String collection, String text) {

    /** Summaries of the SQL seen so far: the data layer's statements are few; past this many, summaries are not kept. */
    private static final int KEPT = 2_000;
    private static final Map<String, QuerySummary> SEEN = new ConcurrentHashMap<>();
    private static final String NAME = "(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final String QUALIFIED = NAME + "(?:\\s*\\.\\s*" + NAME + ")?";
    private static final Pattern FIRST_WORD = Pattern.compile("^[\\s(]*([A-Za-z]+)");
    private static final Pattern INTO = Pattern.compile("(?i)\\binto\\s+" + QUALIFIED);
    private static final Pattern UPDATE = Pattern.compile("(?i)\\bupdate\\s+(?:only\\s+)?" + QUALIFIED);
    private static final Pattern FROM = Pattern.compile("(?i)\\bfrom\\s+(?:only\\s+)?" + QUALIFIED);
    private static final Pattern COPY = Pattern.compile("(?i)^[\\s(]*copy\\s+" + QUALIFIED);
    /** A statement whose first common table expression changes rows: {@code with name as (insert …}. */
    private static final Pattern CHANGING_WITH = Pattern.compile("(?i)^[\\s(]*with\\s+" + NAME + "\\s+as\\s*\\((?=\\s*(insert|update|delete)\\b)");
    private static final Pattern FUNCTION = Pattern.compile("(?i)^[\\s(]*select\\s+" + QUALIFIED + "\\s*\\(");

    /** The summary of {@code sql}'s last statement (a transaction's set-up may put several in one flight). */
    public static QuerySummary of(String sql) {
        QuerySummary known = SEEN.get(sql);
        if (known != null) {
            return known;
        }
        QuerySummary summary = parse(sql.substring(sql.lastIndexOf(';') + 1));
        if (SEEN.size() < KEPT) {
            SEEN.put(sql, summary);
        }
        return summary;
    }

    private static QuerySummary parse(String statement) {
        Matcher changing = CHANGING_WITH.matcher(statement);
        if (changing.find()) {
            // a change and the rows it leads to (its audit row) in one statement: summarized as the change
            return parse(statement.substring(changing.end()));
        }
        Matcher first = FIRST_WORD.matcher(statement);
        String operation = first.find() ? first.group(1).toUpperCase(Locale.ROOT) : "OTHER";
        Matcher table = switch (operation) {
            case "INSERT" -> INTO.matcher(statement);
            case "UPDATE" -> UPDATE.matcher(statement);
            case "SELECT", "DELETE", "WITH" -> FROM.matcher(statement);
            case "COPY" -> COPY.matcher(statement);
            default -> null;
        };
        String collection = table != null && table.find() ? name(table) : null;
        String target = collection;
        if (target == null && operation.equals("SELECT")) {
            Matcher function = FUNCTION.matcher(statement);
            target = function.find() ? name(function) : null;
        }
        return new QuerySummary(operation, collection, target == null ? operation : operation + " " + target);
    }

    private static String name(Matcher matcher) {
        String first = unquote(matcher.group(1));
        return matcher.group(2) == null ? first : first + "." + unquote(matcher.group(2));
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }
}
