package dev.mercator.marketplaces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A marketplace host that fails in transport, never with an HTTP answer: it resets the connection once the request
 * arrived, keeps silent until the caller's read timeout, or is down (nothing listens on its port, so connections are
 * refused). One port for all three, so one application pointed at it meets each in turn.
 */
final class MisbehavingServer implements AutoCloseable {

    enum Failure {
        /** The request is read, then the connection is reset (TCP RST), as by a crashing proxy. */
        RESET,
        /** The request is read and never answered. */
        SILENT,
        /** Nothing listens: the connection is refused. */
        DOWN
    }

    private final int port;
    private final Set<Socket> silent = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile Failure failure = Failure.RESET;

    MisbehavingServer() {
        listener = listen(0);
        port = listener.getLocalPort();
        acceptOn(listener);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void fail(Failure next) {
        failure = next;
        if (next == Failure.DOWN) {
            closeQuietly(listener);
        } else if (listener.isClosed()) {
            listener = listen(port);
            acceptOn(listener);
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(listener);
        silent.forEach(MisbehavingServer::closeQuietly);
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptOn(ServerSocket server) {
        Thread.ofVirtual().name("misbehaving-server").start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> answer(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void answer(Socket socket) {
        try {
            readRequestHead(socket.getInputStream());
            if (failure == Failure.SILENT) {
                silent.add(socket);
                return;
            }
            // Linger zero: close() sends RST instead of FIN, which the client sees as "connection reset".
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            closeQuietly(socket);
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < end.length && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
