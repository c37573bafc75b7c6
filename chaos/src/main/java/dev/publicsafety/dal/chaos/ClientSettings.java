package dev.publicsafety.dal.chaos;

import dev.publicsafety.dal.workload.DispatchDesk;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a client process is handed, in a file beside its acknowledgement file: where to connect (the
 * proxy), as which role, and its dispatch centre. A file, not arguments, so the role's password
 * never shows in a process listing.
 */
record ClientSettings(String jdbcUrl, String user, String password, DispatchDesk.Centre centre) {

    void store(Path file) {
        Properties p = new Properties();
        p.setProperty("url", jdbcUrl);
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("org", centre.org().toString());
        p.setProperty("channels", centre.channels().stream().map(UUID::toString).collect(Collectors.joining(",")));
        p.setProperty("dispatcher", centre.dispatcher().toString());
        p.setProperty("dispatcherName", centre.dispatcherName());
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "chaos client");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write client settings " + file + ": " + e.getMessage(), e);
        }
    }

    static ClientSettings load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read client settings " + file + ": " + e.getMessage(), e);
        }
        List<UUID> channels = Arrays.stream(p.getProperty("channels").split(",")).map(UUID::fromString).toList();
        return new ClientSettings(p.getProperty("url"), p.getProperty("user"), p.getProperty("password"),
                new DispatchDesk.Centre(UUID.fromString(p.getProperty("org")), channels, UUID.fromString(p.getProperty("dispatcher")),
                        p.getProperty("dispatcherName")));
    }
}
