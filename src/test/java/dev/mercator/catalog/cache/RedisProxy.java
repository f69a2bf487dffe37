package dev.mercator.catalog.cache;

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

/**
 * A TCP proxy in front of the shared test Redis that a test can take away and bring back on the same port, so the
 * application sees Redis die and return without anyone stopping the real server other suites use. Taken away, it
 * refuses new connections (nothing listens) and cuts the open ones, as a crashed Redis would.
 */
final class RedisProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    RedisProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        acceptOn(listener);
    }

    int port() {
        return port;
    }

    /** Redis goes away: the port stops listening and every connection through the proxy is cut. */
    synchronized void stop() {
        closeQuietly(listener);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Redis is back, on the same port. */
    synchronized void start() {
        if (!listener.isClosed()) {
            return;
        }
        listener = listen(port);
        acceptOn(listener);
    }

    @Override
    public void close() {
        stop();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            // The port was ours a moment ago; connections in TIME_WAIT must not keep us from taking it back.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    private void acceptOn(ServerSocket server) {
        Thread.ofVirtual().name("redis-proxy-accept").start(() -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException closed) {
                    return; // stop() closed the listener
                }
                try {
                    Socket redis = new Socket(targetHost, targetPort);
                    open.add(client);
                    open.add(redis);
                    if (server.isClosed()) {
                        // stop() ran while this one was being accepted: it must not outlive the outage.
                        closeQuietly(client);
                        closeQuietly(redis);
                        return;
                    }
                    pump(client, redis);
                    pump(redis, client);
                } catch (IOException refused) {
                    // The real Redis refused: the client sees its connection close.
                    closeQuietly(client);
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().name("redis-proxy-pump").start(() -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException cut) {
                // Either side closed; close both below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
