package dev.publicsafety.dal.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's append-only record of the units of work the library acknowledged: one line per unit,
 * written after the unit's commit returned and forced to disk before the next unit starts. A line
 * counts only if it is whole (ends with {@value #END}): a client killed while writing leaves a
 * torn line, which was never an acknowledgement.
 */
final class AckLog implements AutoCloseable {

    static final String END = " .";

    private final FileChannel channel;

    private AckLog(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens {@code file} for appending; a torn last line left by a killed client is closed off first. */
    static AckLog append(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            AckLog log = new AckLog(channel);
            if (channel.size() > 0 && !Files.readString(file, StandardCharsets.ISO_8859_1).endsWith("\n")) {
                log.write("\n");
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the acknowledgement file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one acknowledged unit and forces it to disk. */
    void record(Ack ack) {
        write(ack.line() + END + "\n");
    }

    private void write(String text) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the acknowledgement file: " + e.getMessage(), e);
        }
    }

    /** Every whole line of {@code file}, parsed. */
    static List<Ack> read(Path file) {
        List<Ack> acks = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.endsWith(END)) {
                    acks.add(Ack.parse(line.substring(0, line.length() - END.length())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the acknowledgement file " + file + ": " + e.getMessage(), e);
        }
        return acks;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the acknowledgement file: " + e.getMessage(), e);
        }
    }
}
