package dev.publicsafety.dal.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP proxy in front of the server that can drop its connections: all at once
 * ({@link #dropAll}, wherever their traffic is), or the next one caught inside a COPY
 * ({@link #cutNextCopy}: the server has received the {@code CopyData} message's header and not its
 * data when both sockets close).
 */
final class DroppingProxy implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;

    private final ServerSocket listener;
    private final int serverPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicReference<CountDownLatch> copyCut = new AtomicReference<>();

    private DroppingProxy(ServerSocket listener, int serverPort) {
        this.listener = listener;
        this.serverPort = serverPort;
    }

    /** Listens on a free loopback port, forwarding to {@code serverPort} on loopback. */
    static DroppingProxy start(int serverPort) {
        try {
            ServerSocket listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            DroppingProxy proxy = new DroppingProxy(listener, serverPort);
            Thread accept = new Thread(proxy::acceptLoop, "chaos-proxy-accept");
            accept.setDaemon(true);
            accept.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the proxy's port: " + e.getMessage(), e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Closes every connection now; returns how many there were. */
    int dropAll() {
        int dropped = 0;
        for (Link link : links) {
            link.close();
            dropped++;
        }
        return dropped;
    }

    /** Cuts the next connection that sends COPY data, waiting at most {@code timeoutMillis}; whether one was cut. */
    boolean cutNextCopy(long timeoutMillis) throws InterruptedException {
        CountDownLatch cut = new CountDownLatch(1);
        copyCut.set(cut);
        boolean happened = cut.await(timeoutMillis, TimeUnit.MILLISECONDS);
        copyCut.compareAndSet(cut, null);
        return happened;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), 5_000);
                } catch (IOException refused) {
                    client.close(); // the server is down: the client sees its connection refused
                    continue;
                }
                Link link = new Link(client, server);
                links.add(link);
                link.start();
            } catch (IOException e) {
                // closed by close(), which ends the loop; any other failure is one connection's
            }
        }
    }

    /** One client connection and its server connection, pumped both ways. */
    private final class Link {
        private final Socket client;
        private final Socket server;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            Thread up = new Thread(this::clientToServer, "chaos-proxy-up");
            Thread down = new Thread(this::serverToClient, "chaos-proxy-down");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        private void clientToServer() {
            FrontendMessages messages = new FrontendMessages();
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    int copyData = messages.scan(buffer, 0, n);
                    CountDownLatch cut = copyCut.get();
                    if (copyData >= 0 && cut != null && copyCut.compareAndSet(cut, null)) {
                        out.write(buffer, 0, copyData);
                        out.flush();
                        close();
                        cut.countDown();
                        return;
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // dropped, or the other side closed
            } finally {
                close();
            }
        }

        private void serverToClient() {
            byte[] buffer = new byte[BUFFER];
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // dropped, or the other side closed
            } finally {
                close();
            }
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        dropAll();
    }
}
