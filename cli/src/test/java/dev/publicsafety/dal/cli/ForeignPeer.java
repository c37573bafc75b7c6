package dev.publicsafety.dal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Something listening on loopback that is not PostgreSQL: a peer that accepts and never answers,
 * one that answers as Redis does to bytes it does not understand, and one that answers as an HTTP
 * server does. Only what {@code dal} meets when a URL names the wrong port.
 */
final class ForeignPeer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> accepted = new ArrayList<>();

    private ForeignPeer(ServerSocket socket) {
        this.socket = socket;
    }

    static ForeignPeer start(String kind) throws IOException {
        ForeignPeer peer = new ForeignPeer(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()));
        Thread thread = new Thread(() -> peer.serve(kind), "foreign-peer-" + kind);
        thread.setDaemon(true);
        thread.start();
        return peer;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve(String kind) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                synchronized (accepted) {
                    accepted.add(client);
                }
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream();
                byte[] buffer = new byte[1024];
                switch (kind) {
                    case "silent" -> {
                        // keeps the connection open and says nothing
                    }
                    case "redis" -> {
                        in.read(buffer);
                        out.write("-ERR unknown command\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    case "http" -> {
                        in.read(buffer);
                        out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        client.close();
                    }
                    default -> throw new IllegalArgumentException("unknown peer " + kind);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (accepted) {
            for (Socket client : accepted) {
                client.close();
            }
        }
    }
}
