package io.peershare.testkit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The limits a Socket.IO endpoint announces in Engine.IO's open packet, read over a real WebSocket: what a
 * socket.io-client keeps to. Hosts compare them to show that they serve Socket.IO alike.
 *
 * @param pingInterval milliseconds between the server's pings
 * @param pingTimeout  milliseconds a pong may take
 * @param maxPayload   characters in one message or POST body
 */
public record EngineIoLimits(long pingInterval, long pingTimeout, long maxPayload) {

    /**
     * What every PeerShare host announces for the engine's default settings: Engine.IO's own pings, and twice the
     * engine's default {@code maxFrameSize} (96 KiB) as the payload limit.
     */
    public static final EngineIoLimits FOR_DEFAULT_ENGINE = new EngineIoLimits(25_000, 20_000, 2 * 98_304);

    /** Opens an Engine.IO WebSocket at {@code socketIo} (ws://host:port/socket.io/) and reads its open packet. */
    public static EngineIoLimits announcedAt(URI socketIo, String origin) throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                .buildAsync(socketIo.resolve("?EIO=4&transport=websocket"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        first.complete(data.toString());
                        return null;
                    }
                }).get(WsTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        try {
            String open = first.get(WsTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!open.startsWith("0{")) {
                throw new AssertionError("not Engine.IO's open packet: " + open);
            }
            JsonObject packet = Json.createReader(new StringReader(open.substring(1))).readObject();
            return new EngineIoLimits(packet.getJsonNumber("pingInterval").longValue(),
                    packet.getJsonNumber("pingTimeout").longValue(), packet.getJsonNumber("maxPayload").longValue());
        } finally {
            socket.abort();
        }
    }
}
