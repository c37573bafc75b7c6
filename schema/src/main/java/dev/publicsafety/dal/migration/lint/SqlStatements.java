package dev.publicsafety.dal.migration.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration split into its top-level statements (semicolons inside strings, quoted names,
 * dollar-quoted bodies and comments do not split), each with its first line and the
 * {@code -- dal:allow} acknowledgements written on the comment lines just before it.
 */
final class SqlStatements {

    private static final Pattern ALLOW = Pattern.compile("--\\s*dal:allow\\s+([a-z-]+)\\s+\\S");
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$[A-Za-z_]*\\$");

    /** A statement: its first line, its text lowercased with comments dropped and spaces collapsed, and the rules it allows. */
    record Statement(int line, String normalized, Set<String> allows) {
    }

    private SqlStatements() {
    }

    static List<Statement> split(String sql) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Set<String> allows = new HashSet<>();
        int line = 1;
        int start = -1;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                Matcher allow = ALLOW.matcher(sql.substring(i, end));
                if (allow.lookingAt()) {
                    allows.add(allow.group(1));
                }
                i = end;
                continue;
            }
            if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                line += count(sql, i, end);
                text.append(' ');
                i = end;
                continue;
            }
            if (c == '\n') {
                line++;
            }
            if (!Character.isWhitespace(c) && start < 0 && c != ';') {
                start = line;
            }
            int end = i + 1;
            if (c == '\'' || c == '"') {
                end = closing(sql, i, c);
            } else if (c == '$') {
                Matcher tag = DOLLAR_TAG.matcher(sql).region(i, sql.length());
                if (tag.lookingAt()) {
                    int close = sql.indexOf(tag.group(), tag.end());
                    end = close < 0 ? sql.length() : close + tag.group().length();
                }
            }
            if (c == ';') {
                add(statements, text, start, allows);
                allows = new HashSet<>();
                start = -1;
                i = end;
                continue;
            }
            String piece = sql.substring(i, end);
            line += end - i > 1 ? count(sql, i + 1, end) : 0;
            text.append(piece);
            i = end;
        }
        add(statements, text, start, allows);
        return statements;
    }

    /** The rules allowed by comments after the last statement (where a file-wide acknowledgement may also stand). */
    static Set<String> trailingAllows(String sql) {
        Set<String> allows = new HashSet<>();
        Matcher allow = ALLOW.matcher(sql);
        int last = sql.lastIndexOf(';');
        while (allow.find()) {
            if (allow.start() > last) {
                allows.add(allow.group(1));
            }
        }
        return allows;
    }

    private static void add(List<Statement> statements, StringBuilder text, int start, Set<String> allows) {
        String normalized = text.toString().replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
        if (!normalized.isEmpty()) {
            statements.add(new Statement(start, normalized, Set.copyOf(allows)));
        }
        text.setLength(0);
    }

    private static int closing(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int count(String sql, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (sql.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
