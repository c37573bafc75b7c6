package dev.publicsafety.dal.chaos;

/**
 * Follows the message boundaries of what a PostgreSQL client sends (protocol 3: an untyped startup
 * message, then a type byte and a length per message), so that a proxy can tell where a COPY's
 * data ({@code CopyData}, type {@code 'd'}) begins. Assumes no SSL or GSS negotiation: the chaos
 * clients connect with {@code sslmode=disable&gssEncMode=disable}.
 */
final class FrontendMessages {

    private static final byte COPY_DATA = 'd';

    private boolean startup = true;
    private final byte[] header = new byte[5];
    private int headerFilled;
    private long bodyLeft;

    /**
     * Reads {@code length} bytes from {@code offset}; returns the index just after the header of the
     * first {@code CopyData} message that starts in them (type and length forwarded, its data not
     * yet), or {@code -1} if none does.
     */
    int scan(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int at = offset;
        int found = -1;
        while (at < end) {
            if (bodyLeft > 0) {
                int skipped = (int) Math.min(bodyLeft, end - at);
                bodyLeft -= skipped;
                at += skipped;
                continue;
            }
            int headerSize = startup ? 4 : 5;
            header[headerFilled++] = bytes[at++];
            if (headerFilled < headerSize) {
                continue;
            }
            int lengthAt = startup ? 0 : 1;
            int messageLength = ((header[lengthAt] & 0xff) << 24) | ((header[lengthAt + 1] & 0xff) << 16)
                    | ((header[lengthAt + 2] & 0xff) << 8) | (header[lengthAt + 3] & 0xff);
            if (!startup && header[0] == COPY_DATA && found < 0) {
                found = at;
            }
            bodyLeft = messageLength - 4;
            headerFilled = 0;
            startup = false;
        }
        return found;
    }
}
