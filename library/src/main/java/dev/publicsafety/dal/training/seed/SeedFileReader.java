package dev.publicsafety.dal.training.seed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads one seed file without trusting it: only a regular file (checked before opening, so a named
 * pipe or a link to {@code /dev/zero} cannot hang or exhaust memory), at most a size limit, and
 * strict UTF-8 without NUL bytes. Whatever is wrong becomes a located {@link SeedError}, not an exception.
 */
final class SeedFileReader {

    private SeedFileReader() {
    }

    static SeedSource.SourceFile read(Path path, long maxBytes) {
        String name = path.getFileName().toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class); // of what a symbolic link points to
        } catch (NoSuchFileException e) {
            return unreadable(name, 1, 1, "cannot be read: it does not exist (a broken symbolic link?)");
        } catch (IOException e) {
            return unreadable(name, 1, 1, "cannot be read: " + e.getMessage());
        }
        if (!attributes.isRegularFile()) {
            String kind = attributes.isDirectory() ? "a directory" : "a device, named pipe or socket";
            return unreadable(name, 1, 1, "not a regular file (" + kind + "); only regular files are read");
        }
        if (attributes.size() > maxBytes) {
            return tooLarge(name, attributes.size(), maxBytes);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            return unreadable(name, 1, 1, "cannot be read: " + e.getMessage());
        }
        if (bytes.length > maxBytes) { // it grew after its size was checked
            return tooLarge(name, bytes.length, maxBytes);
        }
        return decode(name, bytes);
    }

    /** Strict UTF-8: the first byte that is not UTF-8 is reported with its line and column. */
    private static SeedSource.SourceFile decode(String name, byte[] bytes) {
        if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
            return unreadable(name, 1, 1, String.format("not UTF-8: the file starts with the UTF-16 byte order mark %02X %02X;"
                    + " save it as UTF-8", bytes[0], bytes[1]));
        }
        int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0; // a UTF-8 byte order mark is allowed and skipped
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        String text = out.flip().toString();
        if (result.isError()) {
            return unreadable(name, text, text.length(), String.format("not UTF-8: byte %02X cannot be read as UTF-8"
                    + " (Latin-1 or another encoding?); save the file as UTF-8", bytes[in.position()]));
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) { // valid UTF-8, but never in JSON text: typically UTF-16 without a byte order mark
            return unreadable(name, text, nul, "not UTF-8 text: a NUL byte (UTF-16 without a byte order mark?); save the file as UTF-8");
        }
        return new SeedSource.SourceFile(name, text);
    }

    /** An error at character {@code index} of {@code text}, located by line and column as editors count them. */
    private static SeedSource.SourceFile unreadable(String name, String text, int index, String message) {
        String before = text.substring(0, index);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        return unreadable(name, line, index - before.lastIndexOf('\n'), message);
    }

    private static SeedSource.SourceFile tooLarge(String name, long size, long maxBytes) {
        return unreadable(name, 1, 1, "the file is " + size + " bytes, over the limit of " + maxBytes
                + " bytes per seed file (dal seed --max-file-size raises it)");
    }

    private static SeedSource.SourceFile unreadable(String name, int line, int column, String message) {
        return new SeedSource.SourceFile(name, null, new SeedError(name, "$", line, column, message));
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
