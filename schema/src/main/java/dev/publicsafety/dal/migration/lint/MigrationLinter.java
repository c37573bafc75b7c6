package dev.publicsafety.dal.migration.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints one PostgreSQL migration as Flyway runs it (one transaction unless it says otherwise) for
 * what it does to a running system. Tables created in the same file are exempt: nobody uses them
 * yet. A finding is acknowledged by {@code -- dal:allow <rule> <reason>} on a line of its own just
 * before the statement ({@code missing-lock-timeout}: anywhere in the file); an allow without a
 * reason acknowledges nothing.
 */
public final class MigrationLinter {

    private static final String NAME = "((?:\"[^\"]+\"|[a-z_][a-z0-9_$]*)(?:\\.(?:\"[^\"]+\"|[a-z_][a-z0-9_$]*))?)";
    static final Pattern CREATE_TABLE = Pattern.compile("^create (?:unlogged )?table (?:if not exists )?" + NAME);
    static final Pattern ALTER_TABLE = Pattern.compile("^alter table (?:if exists )?(?:only )?" + NAME + " (.*)$");
    static final Pattern CREATE_INDEX = Pattern.compile("^create (?:unique )?index (concurrently )?(?:if not exists )?(?:" + NAME
            + " )?on (?:only )?" + NAME);
    static final Pattern DROP_INDEX = Pattern.compile("^drop index (concurrently )?");
    static final Pattern DROP_TABLE = Pattern.compile("^drop table (?:if exists )?" + NAME);
    private static final Pattern ADD_COLUMN = Pattern.compile("\\badd (?:column )?(?:if not exists )?(?!constraint\\b|unique\\b|primary\\b|check\\b|foreign\\b)"
            + NAME + " ([^,]*)");
    private static final Pattern SET_NOT_NULL = Pattern.compile("\\balter (?:column )?" + NAME + " set not null");
    private static final Pattern NOT_NULL_CHECK = Pattern.compile("\\bcheck \\(\\s*\"?([a-z_][a-z0-9_$]*)\"? is not null\\s*\\)");
    private static final Pattern FK_OR_CHECK = Pattern.compile("\\badd (?:constraint " + NAME + " )?(foreign key|check)\\b");
    private static final Pattern UNIQUE = Pattern.compile("\\badd (?:constraint " + NAME + " )?(unique|primary key)\\b(?! using index)");
    private static final Pattern TYPE_CHANGE = Pattern.compile("\\balter (?:column )?" + NAME + " (?:set data )?type\\b");
    private static final Pattern RENAME = Pattern.compile("\\brename (?:column )?(?!constraint\\b)");
    private static final Pattern DROP_COLUMN = Pattern.compile("(?:^|, )drop (?:column )?(?!constraint\\b|default\\b|not\\b|identity\\b|expression\\b)");
    private static final Pattern VOLATILE = Pattern.compile("\\bdefault (?:[a-z_.]*\\.)?(random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp|timeofday|nextval)\\s*\\(");
    private static final Pattern ADD_ENUM_VALUE = Pattern.compile("^alter type " + NAME + " add value (?:if not exists )?'([^']*)'");
    private static final Pattern LOCK_TIMEOUT = Pattern.compile("^set (?:local )?lock_timeout\\b|set_config\\('lock_timeout'");

    private MigrationLinter() {
    }

    /** The findings in {@code sql} (named {@code file} in them), acknowledged ones left out, in file order. */
    public static List<LintFinding> lint(String file, String sql) {
        List<SqlStatements.Statement> statements = SqlStatements.split(sql);
        Set<String> created = new HashSet<>();
        Set<String> indexesCreated = new HashSet<>();
        Set<String> notNullChecks = new HashSet<>();
        List<String> newEnumValues = new ArrayList<>();
        List<LintFinding> findings = new ArrayList<>();
        boolean touchesExistingTable = false;
        boolean lockTimeout = false;
        for (SqlStatements.Statement statement : statements) {
            String text = statement.normalized();
            List<LintRule> broken = new ArrayList<>();
            Matcher m;
            if ((m = CREATE_TABLE.matcher(text)).find()) {
                created.add(table(m.group(1)));
            } else if ((m = CREATE_INDEX.matcher(text)).find()) {
                if (m.group(2) != null) {
                    indexesCreated.add(table(m.group(2)));
                }
                if (!created.contains(table(m.group(3)))) {
                    touchesExistingTable = true;
                    if (m.group(1) == null) {
                        broken.add(LintRule.INDEX_WITHOUT_CONCURRENTLY);
                    }
                }
            } else if ((m = DROP_INDEX.matcher(text)).find()) {
                String index = table(droppedIndex(text, m));
                if (!indexesCreated.contains(index)) {
                    touchesExistingTable = true;
                    if (m.group(1) == null) {
                        broken.add(LintRule.INDEX_WITHOUT_CONCURRENTLY);
                    }
                }
            } else if ((m = DROP_TABLE.matcher(text)).find()) {
                if (!created.contains(table(m.group(1)))) {
                    touchesExistingTable = true;
                    broken.add(LintRule.DROP);
                }
            } else if ((m = ALTER_TABLE.matcher(text)).find()) {
                String table = table(m.group(1));
                String actions = m.group(2);
                Matcher check = NOT_NULL_CHECK.matcher(actions);
                while (check.find()) {
                    notNullChecks.add(table + "." + check.group(1));
                }
                if (!created.contains(table)) {
                    touchesExistingTable = true;
                    broken.addAll(alterTable(table, actions, notNullChecks));
                }
            } else if ((m = ADD_ENUM_VALUE.matcher(text)).find()) {
                newEnumValues.add(m.group(2));
            } else if (LOCK_TIMEOUT.matcher(text).find()) {
                lockTimeout = true;
            }
            if (!newEnumValues.isEmpty() && !ADD_ENUM_VALUE.matcher(text).find()
                    && newEnumValues.stream().anyMatch(value -> text.contains("'" + value.toLowerCase(Locale.ROOT) + "'"))) {
                broken.add(LintRule.ENUM_VALUE_USED_IN_TRANSACTION);
            }
            for (LintRule rule : broken) {
                if (!statement.allows().contains(rule.id())) {
                    findings.add(new LintFinding(file, statement.line(), rule, statement.normalized()));
                }
            }
        }
        boolean allowed = statements.stream().anyMatch(s -> s.allows().contains(LintRule.MISSING_LOCK_TIMEOUT.id()))
                || SqlStatements.trailingAllows(sql).contains(LintRule.MISSING_LOCK_TIMEOUT.id());
        if (touchesExistingTable && !lockTimeout && !allowed) {
            findings.add(0, new LintFinding(file, 1, LintRule.MISSING_LOCK_TIMEOUT, ""));
        }
        return findings;
    }

    private static List<LintRule> alterTable(String table, String actions, Set<String> notNullChecks) {
        List<LintRule> broken = new ArrayList<>();
        Matcher m;
        Matcher added = ADD_COLUMN.matcher(actions);
        while (added.find()) {
            String definition = added.group(2);
            if (definition.contains("not null") && !definition.contains(" default ") && !definition.contains("generated ")) {
                broken.add(LintRule.NOT_NULL_WITHOUT_DEFAULT);
            }
            if (VOLATILE.matcher(definition).find()) {
                broken.add(LintRule.VOLATILE_DEFAULT);
            }
            if (definition.contains(" references ") && !definition.contains("not valid")) {
                broken.add(LintRule.CONSTRAINT_WITHOUT_NOT_VALID);
            }
        }
        if ((m = SET_NOT_NULL.matcher(actions)).find() && !notNullChecks.contains(table + "." + table(m.group(1)))) {
            broken.add(LintRule.SET_NOT_NULL);
        }
        if (FK_OR_CHECK.matcher(actions).find() && !actions.contains("not valid")) {
            broken.add(LintRule.CONSTRAINT_WITHOUT_NOT_VALID);
        }
        if (UNIQUE.matcher(actions).find()) {
            broken.add(LintRule.UNIQUE_CONSTRAINT);
        }
        if (TYPE_CHANGE.matcher(actions).find()) {
            broken.add(LintRule.TYPE_CHANGE);
        }
        if (RENAME.matcher(actions).find()) {
            broken.add(LintRule.RENAME);
        }
        if (DROP_COLUMN.matcher(actions).find()) {
            broken.add(LintRule.DROP);
        }
        return broken;
    }

    /** The index a {@link #DROP_INDEX} statement names, as written. */
    static String droppedIndex(String text, Matcher dropIndex) {
        return text.substring(dropIndex.end()).replaceFirst("^if exists ", "").split("[ ,;]")[0];
    }

    /** A table or index name without its schema and quotes, to compare names however they were written. */
    private static String table(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.replace("\"", "");
    }
}
