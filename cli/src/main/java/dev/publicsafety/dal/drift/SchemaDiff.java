package dev.publicsafety.dal.drift;

import dev.publicsafety.dal.connect.OneLine;
import dev.publicsafety.dal.migration.CatalogSnapshot;
import dev.publicsafety.dal.migration.Domain;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The DDL that turns one schema into another, in dependency order: jOOQ's {@code Meta} diff for
 * tables, columns, primary, unique and foreign keys, completed from the two catalogs
 * ({@link CatalogSnapshot}) where that diff is blind or loses detail: enum types and their values,
 * CHECK constraints, indexes (jOOQ drops a partial index's WHERE), comments (jOOQ misses a changed one),
 * serial columns (jOOQ writes them as identities), {@code now()} defaults, row level security and
 * policies for every role. What DDL cannot be derived for (a function, trigger,
 * policy for named roles, view, privilege; an enum value to remove; a rename, which both diffs see as a drop and an add)
 * is returned as a to-do line, with the catalog lines it leaves different.
 */
public final class SchemaDiff {

    /**
     * @param statements DDL, each ending with {@code ;}
     * @param todos what the DDL does not do, one line each
     * @param leftDifferent catalog lines (of either side) that still differ after the statements, because of the to-dos
     */
    public record Plan(List<String> statements, List<String> todos, Set<String> leftDifferent) {

        public boolean isEmpty() {
            return statements.isEmpty() && todos.isEmpty();
        }
    }

    private static final Pattern DO_BLOCK = Pattern.compile("^do \\$\\$ begin (.*) end \\$\\$;$", Pattern.DOTALL);
    private static final Pattern CONSTRAINT = Pattern.compile("^constraint (\\S+)\\.(\\S+) (.*) deferrable=(\\w+) deferred=(\\w+)$", Pattern.DOTALL);
    private static final Pattern INDEX = Pattern.compile("^index CREATE (?:UNIQUE )?INDEX (\\S+) ON (?:ONLY )?\\S+?\\.(\\S+) ");
    private static final Pattern RELATION = Pattern.compile("^relation (\\S+) kind=(\\w) (.*) comment=(.*)$", Pattern.DOTALL);
    private static final Pattern COLUMN = Pattern.compile("^column (\\S+)\\.(\\S+) #\\d+ (.*) comment=(.*)$", Pattern.DOTALL);
    private static final Pattern SERIAL = Pattern.compile("^column (\\S+)\\.(\\S+) #\\d+ (smallint|integer|bigint) not_null=\\w+ default=nextval\\(.* identity= ");
    private static final Pattern ENUM = Pattern.compile("^type (\\S+) kind=e labels=(.*) comment=", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("^type (\\S+) ");
    private static final Pattern POLICY = Pattern.compile(
            "^policy (\\S+?)\\.(\\S+) cmd=(\\S) permissive=(\\w+) roles=\\{0\\} using=(.*) check=(.*)$", Pattern.DOTALL);
    private static final Map<String, String> POLICY_COMMANDS = Map.of("*", "ALL", "r", "SELECT", "a", "INSERT", "w", "UPDATE", "d", "DELETE");
    private static final Pattern RLS_FLAGS = Pattern.compile("^rls=(\\w+) force_rls=(\\w+) ");
    private static final Pattern NOW_DEFAULT = Pattern.compile("^column (\\S+)\\.(\\S+) #\\d+ .* default=now\\(\\) identity= ");
    private static final Pattern NOT_NULL_COLUMN = Pattern.compile("^column (\\S+)\\.(\\S+) #\\d+ .* not_null=true ");
    private static final Pattern SET_NOT_NULL = Pattern.compile("^alter table (\"[^\"]+\"\\.\"[^\"]+\") alter (\"[^\"]+\") set not null;$");
    private static final Pattern DROP_TABLE = Pattern.compile("^drop table (\"[^\"]+\"\\.\"[^\"]+\")");
    private static final Pattern CREATE_TABLE = Pattern.compile("^create table (\"[^\"]+\"\\.\"[^\"]+\")");
    private static final Pattern DROP_COLUMN = Pattern.compile("^alter table (\"[^\"]+\"\\.\"[^\"]+\") drop \"([^\"]+)\"");
    private static final Pattern ADD_COLUMN = Pattern.compile("^alter table (\"[^\"]+\"\\.\"[^\"]+\") add \"([^\"]+)\"");

    private SchemaDiff() {
    }

    /** The plan turning {@code domain}'s schema in {@code from} into the one in {@code to}. */
    public static Plan between(Domain domain, DataSource from, DataSource to) {
        String schema = domain.schema();
        List<String> fromCatalog = CatalogSnapshot.of(from, schema);
        List<String> toCatalog = CatalogSnapshot.of(to, schema);
        List<String> onlyFrom = fromCatalog.stream().filter(line -> !toCatalog.contains(line)).toList();
        List<String> onlyTo = toCatalog.stream().filter(line -> !fromCatalog.contains(line)).toList();
        List<String> jooq = withoutRedundantNotNull(schema, nowAsNow(schema, serialsAsSerial(schema, jooqDdl(domain, from, to), toCatalog),
                toCatalog), fromCatalog);
        String jooqText = String.join("\n", jooq);
        Set<String> droppedTables = matches(DROP_TABLE, jooq);

        List<String> first = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        List<String> adds = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        List<String> last = new ArrayList<>();
        List<String> todos = new ArrayList<>();
        Set<String> leftDifferent = new LinkedHashSet<>();

        enums(schema, onlyFrom, onlyTo, first, last, todos, leftDifferent);
        Set<String> fromConstraints = constraintNames(fromCatalog);
        Set<String> toConstraints = constraintNames(toCatalog);
        for (String line : onlyFrom) {
            Matcher m;
            if ((m = CONSTRAINT.matcher(line)).matches() && !mentions(jooqText, m.group(2))
                    && !droppedTables.contains(table(schema, m.group(1)))) {
                drops.add("ALTER TABLE " + table(schema, m.group(1)) + " DROP CONSTRAINT " + quote(m.group(2)) + ";");
            } else if ((m = INDEX.matcher(line)).find() && !fromConstraints.contains(m.group(1))
                    && !droppedTables.contains(table(schema, m.group(2)))) {
                drops.add("DROP INDEX " + quote(schema) + "." + quote(m.group(1)) + ";");
            }
        }
        for (String line : onlyTo) {
            Matcher m;
            if ((m = CONSTRAINT.matcher(line)).matches() && !mentions(jooqText, m.group(2))) {
                String add = "ALTER TABLE " + table(schema, m.group(1)) + " ADD CONSTRAINT " + quote(m.group(2)) + " " + m.group(3)
                        + (Boolean.parseBoolean(m.group(4)) ? " DEFERRABLE" : "") + (Boolean.parseBoolean(m.group(5)) ? " INITIALLY DEFERRED" : "") + ";";
                (m.group(3).startsWith("FOREIGN KEY") ? foreignKeys : adds).add(add);
            } else if ((m = INDEX.matcher(line)).find() && !toConstraints.contains(m.group(1))) {
                // a partitioned table's index reads ON ONLY in the catalog; built without ONLY, it reaches every partition
                indexes.add(line.substring("index ".length()).replaceFirst(" ON ONLY ", " ON ") + ";");
            }
        }
        comments(schema, fromCatalog, toCatalog, comments);
        List<String> security = new ArrayList<>();
        rowSecurity(schema, fromCatalog, toCatalog, security);
        policies(schema, onlyFrom, onlyTo, toCatalog, drops, security);
        newPartitionedTables(onlyTo, fromCatalog, todos, leftDifferent);
        unexpressed(onlyFrom, "drop or change by hand: ", todos, leftDifferent);
        unexpressed(onlyTo, "create or change by hand: ", todos, leftDifferent);
        renames(jooq, todos);

        List<String> statements = new ArrayList<>(first);
        statements.addAll(drops);
        statements.addAll(jooq);
        statements.addAll(adds);
        statements.addAll(foreignKeys);
        statements.addAll(indexes);
        statements.addAll(comments);
        statements.addAll(security);
        statements.addAll(last);
        return new Plan(List.copyOf(statements), List.copyOf(todos), Set.copyOf(leftDifferent));
    }

    /** jOOQ's diff, one statement each (its {@code do} blocks split up), without the indexes and comments the catalog gives exactly. */
    private static List<String> jooqDdl(Domain domain, DataSource from, DataSource to) {
        DSLContext render = DSL.using(SQLDialect.POSTGRES);
        List<String> ddl = new ArrayList<>();
        try (Connection fromConnection = from.getConnection(); Connection toConnection = to.getConnection()) {
            for (Query query : meta(DSL.using(fromConnection, SQLDialect.POSTGRES), domain)
                    .migrateTo(meta(DSL.using(toConnection, SQLDialect.POSTGRES), domain)).queries()) {
                String sql = render.renderInlined(query) + ";";
                Matcher block = DO_BLOCK.matcher(sql);
                if (block.matches()) {
                    // jOOQ emulates ALTER TABLE … ADD … COMMENT with a block; the parts read better one by one
                    for (Query part : render.parser().parse(block.group(1)).queries()) {
                        ddl.add(render.renderInlined(part) + ";");
                    }
                } else {
                    ddl.add(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema of " + domain.schema() + ": " + e.getMessage(), e);
        }
        return ddl.stream().distinct()
                // jOOQ spells out the default precision, which the catalog shows as a declared one
                .map(sql -> sql.replaceAll("\\b(timestamp|time)\\(6\\)", "$1"))
                .filter(sql -> !sql.startsWith("create index") && !sql.startsWith("create unique index")
                        && !sql.startsWith("drop index") && !sql.startsWith("comment on"))
                .toList();
    }

    /** The domain's tables but the history and partitions: a column or constraint added to a partitioned table reaches them by itself. */
    private static Meta meta(DSLContext ctx, Domain domain) {
        Set<String> partitions = new HashSet<>(ctx.fetch("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relispartition", domain.schema()).getValues(0, String.class));
        return ctx.meta()
                .filterSchemas(schema -> schema.getName().equals(domain.schema()))
                .filterTables(table -> !table.getName().equals(domain.historyTable()) && !partitions.contains(table.getName()));
    }

    /** A serial column (a default from its own sequence) as {@code serial}: jOOQ reads it as an identity, which is another catalog. */
    private static List<String> serialsAsSerial(String schema, List<String> ddl, List<String> toCatalog) {
        List<String> result = new ArrayList<>(ddl);
        for (String line : toCatalog) {
            Matcher m = SERIAL.matcher(line);
            if (!m.find()) {
                continue;
            }
            String type = switch (m.group(3)) {
                case "smallint" -> "smallserial";
                case "integer" -> "serial";
                default -> "bigserial";
            };
            String jooqType = m.group(3).equals("integer") ? "int" : m.group(3);
            String identity = quote(m.group(2)) + " " + jooqType + " generated by default as identity";
            result.replaceAll(sql -> sql.contains(table(schema, m.group(1))) ? sql.replace(identity, quote(m.group(2)) + " " + type) : sql);
        }
        return result;
    }

    /**
     * A {@code now()} default as {@code now()}: jOOQ writes it {@code current_timestamp}, which PostgreSQL
     * keeps as another expression, so the catalog would differ from the database it came from.
     */
    private static List<String> nowAsNow(String schema, List<String> ddl, List<String> toCatalog) {
        List<String> result = new ArrayList<>(ddl);
        for (String line : toCatalog) {
            Matcher m = NOW_DEFAULT.matcher(line);
            if (m.find()) {
                Pattern jooqDefault = Pattern.compile("(" + Pattern.quote(quote(m.group(2))) + "[^,;]*? default )current_timestamp\\b");
                result.replaceAll(sql -> sql.contains(table(schema, m.group(1))) ? jooqDefault.matcher(sql).replaceAll("$1now()") : sql);
            }
        }
        return result;
    }

    /** Without the SET NOT NULL jOOQ repeats after a type change, on a column that is NOT NULL already. */
    private static List<String> withoutRedundantNotNull(String schema, List<String> ddl, List<String> fromCatalog) {
        Set<String> notNull = new LinkedHashSet<>();
        for (String line : fromCatalog) {
            Matcher m = NOT_NULL_COLUMN.matcher(line);
            if (m.find()) {
                notNull.add(table(schema, m.group(1)) + " alter " + quote(m.group(2)));
            }
        }
        return ddl.stream().filter(sql -> {
            Matcher m = SET_NOT_NULL.matcher(sql);
            return !m.matches() || !notNull.contains(m.group(1) + " alter " + m.group(2));
        }).toList();
    }

    /** Enum types created, dropped or given values; a value removed or reordered is a to-do: PostgreSQL cannot do it. */
    private static void enums(String schema, List<String> onlyFrom, List<String> onlyTo, List<String> first, List<String> last,
                              List<String> todos, Set<String> leftDifferent) {
        Map<String, String> fromEnums = enumLines(onlyFrom);
        Map<String, String> toEnums = enumLines(onlyTo);
        toEnums.forEach((name, line) -> {
            List<String> labels = labels(line);
            String fromLine = fromEnums.get(name);
            if (fromLine == null) {
                first.add("CREATE TYPE " + quote(schema) + "." + quote(name) + " AS ENUM ("
                        + String.join(", ", labels.stream().map(SchemaDiff::literal).toList()) + ");");
                return;
            }
            List<String> before = labels(fromLine);
            if (!labels.containsAll(before) || !labels.stream().filter(before::contains).toList().equals(before)) {
                todos.add("enum " + schema + "." + name + " goes from (" + String.join(", ", before) + ") to (" + String.join(", ", labels)
                        + "): PostgreSQL cannot remove or reorder an enum value; create a new type, move the columns to it, drop the old one");
                leftDifferent.add(fromLine);
                leftDifferent.add(line);
                return;
            }
            for (int i = 0; i < labels.size(); i++) {
                if (!before.contains(labels.get(i))) {
                    // IF NOT EXISTS: the file can run again after its undo, which cannot remove the value
                    first.add("ALTER TYPE " + quote(schema) + "." + quote(name) + " ADD VALUE IF NOT EXISTS " + literal(labels.get(i))
                            + (i > 0 ? " AFTER " + literal(labels.get(i - 1)) : " BEFORE " + literal(labels.get(i + 1))) + ";");
                }
            }
        });
        fromEnums.keySet().stream().filter(name -> !toEnums.containsKey(name))
                .forEach(name -> last.add("DROP TYPE " + quote(schema) + "." + quote(name) + ";"));
    }

    private static Map<String, String> enumLines(List<String> lines) {
        Map<String, String> enums = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = ENUM.matcher(line);
            if (m.find()) {
                enums.put(m.group(1), line);
            }
        }
        return enums;
    }

    private static List<String> labels(String enumLine) {
        Matcher m = ENUM.matcher(enumLine);
        return m.find() && !m.group(2).isEmpty() ? Arrays.asList(m.group(2).split(",")) : List.of();
    }

    /** COMMENT ON for each table and column whose comment the target has and the source has not, or has otherwise. */
    private static void comments(String schema, List<String> fromCatalog, List<String> toCatalog, List<String> comments) {
        Map<String, String> before = comments(schema, fromCatalog);
        comments(schema, toCatalog).forEach((target, comment) -> {
            String was = before.getOrDefault(target, "");
            if (!comment.equals(was)) {
                comments.add("COMMENT ON " + target + " IS " + (comment.isEmpty() ? "NULL" : literal(comment)) + ";");
            }
        });
    }

    private static Map<String, String> comments(String schema, List<String> catalog) {
        Set<String> tables = new LinkedHashSet<>();
        Map<String, String> comments = new LinkedHashMap<>();
        for (String line : catalog) {
            Matcher m;
            if ((m = RELATION.matcher(line)).matches() && (m.group(2).equals("r") || m.group(2).equals("p"))) {
                tables.add(m.group(1));
                comments.put("TABLE " + table(schema, m.group(1)), m.group(4));
            }
        }
        for (String line : catalog) {
            Matcher m;
            if ((m = COLUMN.matcher(line)).matches() && tables.contains(m.group(1))) {
                comments.put("COLUMN " + table(schema, m.group(1)) + "." + quote(m.group(2)), m.group(4));
            }
        }
        return comments;
    }

    /** A partitioned table created: jOOQ's diff creates it as a plain one, without PARTITION BY or partitions. */
    private static void newPartitionedTables(List<String> onlyTo, List<String> fromCatalog, List<String> todos, Set<String> leftDifferent) {
        Set<String> existing = rowSecurity(fromCatalog).keySet();
        for (String line : onlyTo) {
            Matcher m = RELATION.matcher(line);
            if (m.matches() && m.group(2).equals("p") && !existing.contains(m.group(1))) {
                todos.add("table " + m.group(1) + " is partitioned: the statements below create it unpartitioned; write its"
                        + " CREATE TABLE … PARTITION BY and its partitions by hand");
                leftDifferent.add(line);
            }
        }
    }

    /** ENABLE / FORCE ROW LEVEL SECURITY (or their undoing) for each table of {@code toCatalog} whose setting differs. */
    private static void rowSecurity(String schema, List<String> fromCatalog, List<String> toCatalog, List<String> security) {
        Map<String, String> before = rowSecurity(fromCatalog);
        rowSecurity(toCatalog).forEach((table, flags) -> {
            String[] was = before.getOrDefault(table, "false false").split(" ");
            String[] now = flags.split(" ");
            if (!now[0].equals(was[0])) {
                security.add("ALTER TABLE " + table(schema, table) + (Boolean.parseBoolean(now[0]) ? " ENABLE" : " DISABLE")
                        + " ROW LEVEL SECURITY;");
            }
            if (!now[1].equals(was[1])) {
                security.add("ALTER TABLE " + table(schema, table) + (Boolean.parseBoolean(now[1]) ? " FORCE" : " NO FORCE")
                        + " ROW LEVEL SECURITY;");
            }
        });
    }

    /** Each table's {@code "<rls> <force_rls>"}. */
    private static Map<String, String> rowSecurity(List<String> catalog) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String line : catalog) {
            Matcher m = RELATION.matcher(line);
            if (m.matches() && (m.group(2).equals("r") || m.group(2).equals("p"))) {
                Matcher rls = RLS_FLAGS.matcher(m.group(3));
                if (rls.find()) {
                    flags.put(m.group(1), rls.group(1) + " " + rls.group(2));
                }
            }
        }
        return flags;
    }

    /**
     * Policies for every role (PUBLIC), dropped before the columns they read go and created after the
     * columns exist; one naming roles is a to-do, as role ids do not carry from one database to another.
     */
    private static void policies(String schema, List<String> onlyFrom, List<String> onlyTo, List<String> toCatalog,
                                 List<String> drops, List<String> security) {
        Set<String> tables = rowSecurity(toCatalog).keySet();
        for (String line : onlyFrom) {
            Matcher m = POLICY.matcher(line);
            if (m.matches() && tables.contains(m.group(1))) {
                drops.add("DROP POLICY " + quote(m.group(2)) + " ON " + table(schema, m.group(1)) + ";");
            }
        }
        for (String line : onlyTo) {
            Matcher m = POLICY.matcher(line);
            if (m.matches()) {
                security.add("CREATE POLICY " + quote(m.group(2)) + " ON " + table(schema, m.group(1))
                        + (Boolean.parseBoolean(m.group(4)) ? "" : " AS RESTRICTIVE") + " FOR " + POLICY_COMMANDS.get(m.group(3))
                        + (m.group(5).isEmpty() ? "" : " USING (" + m.group(5) + ")")
                        + (m.group(6).isEmpty() ? "" : " WITH CHECK (" + m.group(6) + ")") + ";");
            }
        }
    }

    /** Catalog lines no statement here reconciles: functions, triggers, policies for named roles, views, privileges, domain types. */
    private static void unexpressed(List<String> lines, String todo, List<String> todos, Set<String> leftDifferent) {
        for (String line : lines) {
            Matcher relation = RELATION.matcher(line);
            boolean handled = line.startsWith("column ") || line.startsWith("constraint ") || line.startsWith("index ")
                    || ENUM.matcher(line).find()
                    || relation.matches() && relation.group(2).equals("S") // a serial column's sequence
                    || relation.matches() && (relation.group(2).equals("r") || relation.group(2).equals("p"))
                            && relation.group(3).matches("rls=\\w+ force_rls=\\w+ acl=") // row security: rowSecurity()
                    || POLICY.matcher(line).matches();
            if (!handled) {
                Matcher type = TYPE.matcher(line);
                String what = type.find() ? "type " + type.group(1) : line.lines().findFirst().orElse("");
                todos.add(todo + OneLine.escape(what.length() > 160 ? what.substring(0, 160) + "…" : what));
                leftDifferent.add(line);
            }
        }
    }

    /** A column dropped and another added to one table, or a table dropped and another created, may be a rename. */
    private static void renames(List<String> jooq, List<String> todos) {
        Set<String> droppedTables = matches(DROP_TABLE, jooq);
        Set<String> createdTables = matches(CREATE_TABLE, jooq);
        if (!droppedTables.isEmpty() && !createdTables.isEmpty()) {
            todos.add("drops " + String.join(", ", droppedTables) + " and creates " + String.join(", ", createdTables)
                    + ": if that is a rename, write ALTER TABLE … RENAME TO instead (a drop loses the rows)");
        }
        Map<String, List<String>> dropped = columns(DROP_COLUMN, jooq);
        columns(ADD_COLUMN, jooq).forEach((table, added) -> {
            if (dropped.containsKey(table)) {
                todos.add(table + " drops " + String.join(", ", dropped.get(table)) + " and adds " + String.join(", ", added)
                        + ": if that is a rename, write ALTER TABLE … RENAME COLUMN instead (a drop loses the values)");
            }
        });
    }

    private static Set<String> matches(Pattern pattern, List<String> ddl) {
        Set<String> found = new LinkedHashSet<>();
        for (String sql : ddl) {
            Matcher m = pattern.matcher(sql);
            if (m.find()) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    private static Map<String, List<String>> columns(Pattern pattern, List<String> ddl) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String sql : ddl) {
            Matcher m = pattern.matcher(sql);
            if (m.find()) {
                columns.computeIfAbsent(m.group(1), table -> new ArrayList<>()).add(m.group(2));
            }
        }
        return columns;
    }

    private static Set<String> constraintNames(List<String> catalog) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : catalog) {
            Matcher m = CONSTRAINT.matcher(line);
            if (m.matches()) {
                names.add(m.group(2));
            }
        }
        return names;
    }

    /** Whether jOOQ's statements name it already (they quote every name). */
    private static boolean mentions(String jooqText, String name) {
        return jooqText.contains(quote(name));
    }

    private static String table(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
