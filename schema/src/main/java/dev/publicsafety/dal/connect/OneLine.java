package dev.publicsafety.dal.connect;

/**
 * Escapes what would break a one-line message or a terminal: control characters (a newline in a
 * file name or in a property name), line separators and lone surrogates become {@code \n} or
 * {@code \}{@code uXXXX}, so every error stays one line and shows what is really there. Every value
 * an error echoes (a URL, a database or file name, a server message) goes through it.
 */
public final class OneLine {

    private OneLine() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i)); // a valid pair: any surrogate left over is a lone one
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
