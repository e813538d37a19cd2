package io.peershare.testkit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) speaking PeerShare's JSON protocol, for tests against a running
 * server. Frames are kept until a test takes them with {@link #await}.
 */
public final class WsTestClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final java.util.concurrent.BlockingQueue<byte[]> binary = new java.util.concurrent.LinkedBlockingQueue<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Object lock = new Object();
    private final List<JsonObject> unread = new ArrayList<>();
    private final List<JsonObject> received = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeState = "open";
    private final boolean reading;
    private WebSocket socket;
    private volatile CompletableFuture<String> pong;

    private WsTestClient(boolean reading) {
        this.reading = reading;
    }

    /** Opens a connection with the given Origin header ({@code null} for none). */
    public static WsTestClient connect(URI uri, String origin) throws Exception {
        return connect(uri, origin, null, true);
    }

    /**
     * Opens a connection.
     *
     * @param extraHeader header names and values to send with the handshake, in pairs
     *                    ({@code name1, value1, name2, value2, ...}), or {@code null}
     * @param reading     false for a client that never reads a frame (a stalled consumer)
     */
    public static WsTestClient connect(URI uri, String origin, String[] extraHeader, boolean reading) throws Exception {
        return connect(HTTP, uri, origin, extraHeader, reading);
    }

    /** Opens a connection with {@code http}'s settings: a {@code wss:} URI with the TLS it trusts. */
    public static WsTestClient connect(HttpClient http, URI uri, String origin) throws Exception {
        return connect(http, uri, origin, null, true);
    }

    private static WsTestClient connect(HttpClient http, URI uri, String origin, String[] extraHeader, boolean reading)
            throws Exception {
        WsTestClient client = new WsTestClient(reading);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        if (extraHeader != null) {
            for (int i = 0; i + 1 < extraHeader.length; i += 2) {
                builder.header(extraHeader[i], extraHeader[i + 1]);
            }
        }
        client.socket = builder.buildAsync(uri, client.new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    /**
     * Sends a WebSocket handshake over a plain socket and returns the response's status code, read from the
     * status line alone as a browser does (some containers answer a refusal without a body length).
     */
    public static int handshakeStatus(URI uri, String origin) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            if (statusLine == null) {
                throw new IOException("no response");
            }
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    public void send(String event, JsonObjectBuilder data) {
        sendRaw(Json.createObjectBuilder().add("event", event).add("data", data).build().toString());
    }

    public void sendRaw(String frame) {
        try {
            socket.sendText(frame, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("send failed; connection state: " + closeState, e);
        }
    }

    /**
     * Sends a frame the server may refuse by closing the connection while it is still arriving: a send cut off
     * by the close is not a failure here; {@link #awaitClose} then tells how the server closed.
     */
    public void sendExpectingClose(String frame) {
        try {
            socket.sendText(frame, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // The server closed mid-send.
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("send neither finished nor was cut off; connection state: " + closeState, e);
        }
    }

    /** Sends one text message as several WebSocket fragments, one per part. */
    public void sendInParts(String... parts) {
        try {
            for (int i = 0; i < parts.length; i++) {
                socket.sendText(parts[i], i == parts.length - 1).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("send failed; connection state: " + closeState, e);
        }
    }

    /** Sends a binary message, which the protocol does not have; the server may close while it arrives. */
    public void sendBinary(byte[] bytes) {
        try {
            socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // The server closed mid-send.
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("send failed; connection state: " + closeState, e);
        }
    }

    /** Sends a ping and waits for the pong that answers it; returns its payload. */
    public String ping(String payload) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        pong = answer;
        socket.sendPing(java.nio.ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    public void join(String network, String user) {
        send("join-wifi-network", Json.createObjectBuilder().add("networkName", network).add("userName", user));
    }

    /** Takes the first unread frame of this event, waiting for it. */
    public JsonObject await(String event) {
        return await(event, f -> true);
    }

    /** Takes the first unread frame of this event that matches, waiting for it; the data object is returned. */
    public JsonObject await(String event, Predicate<JsonObject> dataMatches) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (lock) {
            while (true) {
                for (int i = 0; i < unread.size(); i++) {
                    JsonObject frame = unread.get(i);
                    if (event.equals(frame.getString("event", null)) && dataMatches.test(data(frame))) {
                        unread.remove(i);
                        return data(frame);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no '" + event + "' within " + TIMEOUT + "; unread: " + unread);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /**
     * Waits until the most recent frame of this event (taken or not) matches, and returns its data: for state
     * that converges, like a peer list, where only the latest word counts.
     */
    public JsonObject awaitLatest(String event, Predicate<JsonObject> dataMatches) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos() * 3;
        synchronized (lock) {
            while (true) {
                for (int i = received.size() - 1; i >= 0; i--) {
                    JsonObject frame = received.get(i);
                    if (event.equals(frame.getString("event", null))) {
                        if (dataMatches.test(data(frame))) {
                            return data(frame);
                        }
                        break;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the latest '" + event + "' never matched; received: " + received);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Every frame of this event received so far, taken or not, oldest first. */
    public List<JsonObject> received(String event) {
        synchronized (lock) {
            return received.stream().filter(f -> event.equals(f.getString("event", null))).map(WsTestClient::data).toList();
        }
    }

    /** Frames of this event received so far and not taken. */
    public List<JsonObject> unread(String event) {
        synchronized (lock) {
            return unread.stream().filter(f -> event.equals(f.getString("event", null))).map(WsTestClient::data).toList();
        }
    }

    /** Waits for the server to close the connection and returns its close code. */
    public int awaitClose() throws Exception {
        return closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Closes with this code, as a browser closes with 1001 when its page is closed, reloaded or left. */
    public void closeWith(int closeCode, String reason) {
        socket.sendClose(closeCode, reason).join();
    }

    /** Cuts the connection without a close frame, as a network that goes away does. */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private static JsonObject data(JsonObject frame) {
        return frame.containsKey("data") ? frame.getJsonObject("data") : JsonObject.EMPTY_JSON_OBJECT;
    }

    /** Waits for the next binary message the server sent, and returns its bytes. */
    public byte[] awaitBinary() throws InterruptedException {
        byte[] message = binary.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no binary message within " + TIMEOUT + "; connection state: " + closeState);
        }
        return message;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final java.io.ByteArrayOutputStream partialBinary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partialBinary.writeBytes(bytes);
            if (last) {
                binary.add(partialBinary.toByteArray());
                partialBinary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence text, boolean last) {
            partial.append(text);
            if (last) {
                JsonObject frame = Json.createReader(new StringReader(partial.toString())).readObject();
                partial.setLength(0);
                synchronized (lock) {
                    unread.add(frame);
                    received.add(frame);
                    lock.notifyAll();
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, java.nio.ByteBuffer message) {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            CompletableFuture<String> waiting = pong;
            if (waiting != null) {
                waiting.complete(new String(bytes, StandardCharsets.UTF_8));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeState = "closed by server: " + statusCode + " " + reason;
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeState = "failed: " + error;
            closeCode.complete(-1);
        }
    }
}
