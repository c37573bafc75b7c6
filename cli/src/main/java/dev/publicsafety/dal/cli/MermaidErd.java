package dev.publicsafety.dal.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@link SchemaDiagram} as a Mermaid {@code erDiagram}: one entity per table with its columns
 * (type, name, {@code PK}/{@code FK}), then one relationship per foreign key, drawn from the
 * referenced table to the referencing one. The referenced end is {@code ||} (exactly one) when every
 * key column is NOT NULL, else {@code |o}; the referencing end is {@code o|} when the key columns are
 * also the table's primary or a unique key, else {@code o{}; the line is solid when they are part of
 * its primary key (an identifying relationship), dotted otherwise. The label names the key columns.
 */
final class MermaidErd {

    /** What Mermaid accepts as an entity name without quotes, and as an attribute type or name. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern NOT_TYPE_CHARACTER = Pattern.compile("[^A-Za-z0-9_\\-\\[\\]()]");

    /** PostgreSQL's own short names for the SQL standard's names with spaces, which Mermaid cannot take. */
    private static final List<Map.Entry<Pattern, String>> SHORT_TYPES = List.of(
            Map.entry(Pattern.compile("^timestamp(\\(\\d+\\))? with time zone"), "timestamptz$1"),
            Map.entry(Pattern.compile("^timestamp(\\(\\d+\\))? without time zone"), "timestamp$1"),
            Map.entry(Pattern.compile("^time(\\(\\d+\\))? with time zone"), "timetz$1"),
            Map.entry(Pattern.compile("^time(\\(\\d+\\))? without time zone"), "time$1"),
            Map.entry(Pattern.compile("^character varying\\b"), "varchar"), // before "character"
            Map.entry(Pattern.compile("^character\\b"), "char"),
            Map.entry(Pattern.compile("^double precision\\b"), "float8"),
            Map.entry(Pattern.compile("^bit varying\\b"), "varbit"));

    private MermaidErd() {
    }

    static String render(SchemaDiagram diagram) {
        StringBuilder out = new StringBuilder("erDiagram\n");
        for (SchemaDiagram.Table table : diagram.tables()) {
            Set<String> foreign = new HashSet<>();
            diagram.foreignKeys().stream().filter(fk -> fk.table().equals(table.name())).forEach(fk -> foreign.addAll(fk.columns()));
            if (table.columns().isEmpty()) {
                out.append("    ").append(entity(table.name())).append('\n');
                continue;
            }
            out.append("    ").append(entity(table.name())).append(" {\n");
            for (SchemaDiagram.Column column : table.columns()) {
                List<String> keys = new ArrayList<>(2);
                if (table.primaryKey().contains(column.name())) {
                    keys.add("PK");
                }
                if (foreign.contains(column.name())) {
                    keys.add("FK");
                }
                out.append("        ").append(type(column.type(), diagram.schema())).append(' ').append(word(column.name()));
                if (!keys.isEmpty()) {
                    out.append(' ').append(String.join(", ", keys));
                }
                out.append('\n');
            }
            out.append("    }\n");
        }
        for (SchemaDiagram.ForeignKey fk : diagram.foreignKeys()) {
            SchemaDiagram.Table table = diagram.tables().stream().filter(t -> t.name().equals(fk.table())).findFirst().orElseThrow();
            String referenced = fk.referencedSchema().equals(diagram.schema())
                    ? fk.referencedTable() : fk.referencedSchema() + "." + fk.referencedTable();
            boolean required = fk.columns().stream().allMatch(c -> table.columns().stream()
                    .anyMatch(column -> column.name().equals(c) && column.notNull()));
            Set<String> columns = new LinkedHashSet<>(fk.columns());
            boolean atMostOne = columns.equals(new HashSet<>(table.primaryKey()))
                    || table.uniqueKeys().stream().anyMatch(unique -> columns.equals(new HashSet<>(unique)));
            boolean identifying = new HashSet<>(table.primaryKey()).containsAll(columns);
            out.append("    ").append(entity(referenced)).append(' ')
                    .append(required ? "||" : "|o").append(identifying ? "--" : "..").append(atMostOne ? "o|" : "o{")
                    .append(' ').append(entity(fk.table())).append(" : \"").append(String.join(", ", fk.columns())).append("\"\n");
        }
        return out.toString();
    }

    /** The type in one word: PostgreSQL's short name, without this schema's qualifier; any other space or dot as {@code _}. */
    static String type(String formatted, String schema) {
        String type = formatted.startsWith(schema + ".") ? formatted.substring(schema.length() + 1) : formatted;
        for (Map.Entry<Pattern, String> shortName : SHORT_TYPES) {
            type = shortName.getKey().matcher(type).replaceFirst(shortName.getValue());
        }
        return NOT_TYPE_CHARACTER.matcher(type.replace("\"", "")).replaceAll("_");
    }

    private static String entity(String name) {
        return WORD.matcher(name).matches() ? name : "\"" + name.replace("\"", "") + "\"";
    }

    private static String word(String name) {
        return WORD.matcher(name).matches() ? name : name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /**
     * Every diagram as a Markdown document, one section and {@code mermaid} block per schema: what
     * {@code docs/schema.md} holds, so that it renders wherever the docs are read.
     */
    static String markdown(List<SchemaDiagram> diagrams) {
        StringBuilder out = new StringBuilder("""
                # Schema diagrams

                <!-- Generated by `dal erd --markdown` from a freshly migrated database: do not edit by hand.
                     SchemaDiagramDriftTest fails when it differs from what the migrations give, and names the command that rewrites it. -->

                The tables of each schema as the catalog of a database migrated to head has them: every column
                with its type (`PK` primary key, `FK` part of a foreign key), and one line per foreign key
                (composite keys whole, labelled with their columns) from the referenced table to the referencing
                one. The referenced end is `||` (exactly one) when every key column is `NOT NULL`, else `|o`
                (zero or one); the referencing end is `o|` when the key is also its primary or a unique key,
                else `o{` (zero or more). A solid line means the key is part of the referencing table's primary
                key. A partitioned table appears once, as its parent; the migration history tables are left out.
                """);
        for (SchemaDiagram diagram : diagrams) {
            out.append("\n## ").append(diagram.schema()).append("\n\n```mermaid\n").append(render(diagram)).append("```\n");
        }
        return out.toString();
    }
}
