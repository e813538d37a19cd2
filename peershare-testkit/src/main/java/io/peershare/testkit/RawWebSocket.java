package io.peershare.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, for what a well-behaved client library will not do: stop reading, send bytes
 * that are not UTF-8, send a handshake without an Origin, hold a socket without a handshake. Frames it sends are
 * masked, as a client's must be. Not thread-safe: one test thread drives it, but for {@link #readSlowly} and
 * {@link #readFreely}, which any thread may call while another reads.
 */
public final class RawWebSocket implements AutoCloseable {

    /** Text opcode. */
    public static final int TEXT = 0x1;
    /** Binary opcode. */
    public static final int BINARY = 0x2;
    /** Close opcode. */
    public static final int CLOSE = 0x8;

    private final Socket socket;
    private final OutputStream out;
    private final Throttle throttle;
    private final DataInputStream in;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.throttle = new Throttle(socket.getInputStream());
        this.in = new DataInputStream(throttle);
    }

    /**
     * A plain TCP connection to {@code uri}'s host and port, with nothing sent yet. {@code receiveBuffer} bytes of
     * socket buffer ({@code 0} for the system's default): a small one makes a client that stops reading stall soon.
     */
    public static RawWebSocket open(URI uri, int receiveBuffer) throws IOException {
        return open(uri, receiveBuffer, null);
    }

    /** As {@link #open(URI, int)}, from {@code localAddress} (any of 127.0.0.0/8 on loopback, for example). */
    public static RawWebSocket open(URI uri, int receiveBuffer, InetAddress localAddress) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(10_000);
        return new RawWebSocket(socket);
    }

    /**
     * Opens a connection and completes a WebSocket handshake for {@code uri}, with {@code origin} unless it is
     * {@code null}, and extra header lines ({@code "Name: value"}).
     *
     * @return the client, or throws with the server's status line if the server did not switch protocols
     */
    public static RawWebSocket connect(URI uri, String origin, String... headers) throws IOException {
        RawWebSocket client = open(uri, 0);
        String status = client.handshake(uri, origin, headers);
        if (!status.startsWith("HTTP/1.1 101")) {
            client.close();
            throw new IOException("handshake refused: " + status);
        }
        return client;
    }

    /** Sends a handshake request and reads the response's head; returns its status line. */
    public String handshake(URI uri, String origin, String... headers) throws IOException {
        String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost()
                + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        if (origin != null) {
            request.append("Origin: ").append(origin).append("\r\n");
        }
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        sendBytes(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server hung up during the handshake: " + head);
            }
            head.append((char) b);
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    /** Writes bytes as they are, outside any frame. */
    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void sendText(String text) throws IOException {
        sendFrame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One final frame of {@code opcode}, masked. */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        sendBytes(frame.toByteArray());
    }

    /** One frame from the server: its opcode and payload (servers do not mask). */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame; 1005 if it carries none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    public Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    /**
     * From now on reads at most {@code bytes} every {@code period}, as a client on a slow link or a busy device does
     * (with a small receive buffer, see {@link #open(URI, int)}, the server soon has to wait for it).
     */
    public void readSlowly(int bytes, Duration period) {
        throttle.limit(bytes, period.toNanos());
    }

    /** From now on reads as fast as the bytes come. */
    public void readFreely() {
        throttle.limit(0, 0);
    }

    /** Reads frames until a close frame and returns its code; -1 if the server hung up without one. */
    public int awaitClose() throws IOException {
        try {
            while (true) {
                Frame frame = readFrame();
                if (frame.opcode() == CLOSE) {
                    return frame.closeCode();
                }
            }
        } catch (EOFException | SocketException hungUp) {
            return -1;
        }
    }

    /**
     * Whether the server closes the connection within {@code timeoutMillis}, discarding whatever it sends first;
     * {@code false} if it is still open then.
     */
    public boolean isClosedWithin(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream raw = socket.getInputStream();
        byte[] sink = new byte[8192];
        try {
            while (raw.read(sink) >= 0) {
                // discard
            }
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    /** The socket's input, read at most so many bytes per period while a limit is set. */
    private static final class Throttle extends InputStream {
        private final InputStream raw;
        /** Bytes per period and the period; 0 bytes for no limit. Set by any thread, read by the reading one. */
        private volatile long limit;
        private volatile long periodNanos;
        /** The reading thread's: the current period's start and the bytes read in it. */
        private long periodStart;
        private long used;

        Throttle(InputStream raw) {
            this.raw = raw;
        }

        void limit(long bytes, long period) {
            periodNanos = period;
            limit = bytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long max = limit;
            if (max > 0 && len > 0) {
                long now = System.nanoTime();
                if (now - periodStart >= periodNanos) {
                    periodStart = now;
                    used = 0;
                } else if (used >= max) {
                    sleepNanos(periodStart + periodNanos - now);
                    periodStart = System.nanoTime();
                    used = 0;
                }
                len = (int) Math.min(len, max - used);
            }
            int n = raw.read(b, off, len);
            if (n > 0) {
                used += n;
            }
            return n;
        }

        private static void sleepNanos(long nanos) throws IOException {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading slowly");
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
