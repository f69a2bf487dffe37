package dev.mercator.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Sends exact bytes over a plain socket and reads whatever comes back, so a test can send what no HTTP client would: a
 * raw space or control character in the path, a header name with a space, {@code HTTP/1.2}, an unterminated request
 * line. The JDK and Apache clients normalise or refuse such requests before they leave the test.
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** A request line plus {@code Host} and {@code Connection: close}, then any extra header lines, then the end. */
    static String request(String requestLine, String... headerLines) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return request.append("Connection: close\r\n\r\n").toString();
    }

    /** Sends the string as ISO-8859-1, so each char below 256 is exactly one byte on the wire. */
    Reply send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    Reply send(byte[] raw) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(raw);
            out.flush();
            return Reply.parse(readAll(socket.getInputStream()));
        }
    }

    /**
     * Reads until the server closes. A reset after some bytes have arrived (the server closing with part of an
     * oversized request unread) still returns what was read; a timeout fails, as a server that neither answers nor
     * closes is a finding of its own.
     */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException timeout) {
            throw new IOException(
                    "no close within " + TIMEOUT_MILLIS + " ms after " + bytes.size() + " bytes", timeout);
        } catch (SocketException reset) {
            if (bytes.size() == 0) {
                throw reset;
            }
        }
        return bytes.toByteArray();
    }

    /**
     * What came back: nothing at all, or a status line, headers and the (de-chunked) body.
     *
     * @param status 0 when the server closed the connection without a response, -1 when it answered without a status
     *     line (HTTP/0.9)
     */
    record Reply(int status, String statusLine, Map<String, String> headers, String body) {

        static Reply parse(byte[] bytes) {
            if (bytes.length == 0) {
                return new Reply(0, "", Map.of(), "");
            }
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/")) {
                // An HTTP/0.9 answer: the body alone, no status line and no headers.
                return new Reply(-1, "", Map.of(), new String(bytes, StandardCharsets.UTF_8));
            }
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            byte[] rest = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            String[] lines = head.split("\r\n");
            String statusLine = lines[0];
            String[] parts = statusLine.split(" ", 3);
            int status = parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
            return new Reply(status, statusLine, headers, new String(body, StandardCharsets.UTF_8));
        }

        @Nullable
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean closedWithoutResponse() {
            return status == 0;
        }

        private static byte[] dechunk(byte[] chunked) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int at = 0;
            while (at < chunked.length) {
                int lineEnd = indexOfCrlf(chunked, at);
                if (lineEnd < 0) {
                    break;
                }
                String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                body.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
                at = lineEnd + 2 + size + 2;
            }
            return body.toByteArray();
        }

        private static int indexOfCrlf(byte[] bytes, int from) {
            for (int i = from; i + 1 < bytes.length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return statusLine + " " + headers + " " + body;
        }
    }
}
