package io.peershare.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * socket.io-client's own browser bundle, in real headless Chromium, on the page's origin, exchanging a chat message
 * and a WebRTC signal with a plain-protocol WebSocket client in the same network (Netty server).
 */
class SocketIoInChromiumTest {

    /** Installed by peershare-example-server's SocketIoClientsIT ({@code npm ci}), which runs before this module. */
    private static final Path BUNDLE = Path.of("..", "peershare-example-server", "src", "test", "node",
            "node_modules", "socket.io-client", "dist", "socket.io.min.js");

    @Test
    void theSocketIoBundleAndAPlainClientChatAndSignal(@TempDir Path work) throws Exception {
        String missing = Browser.missingReason();
        if (missing == null && !Files.isRegularFile(BUNDLE)) {
            missing = "socket.io-client's browser bundle is not installed at " + BUNDLE
                    + " (peershare-example-server's SocketIoClientsIT installs it with npm ci; it needs Node)";
        }
        if (missing != null) {
            System.out.println("[peershare-browser-tests] SKIPPED: " + missing);
            Assumptions.abort(missing);
        }
        try (ServerProcess server = ServerProcess.start(work, Map.of());
             Browser browser = new Browser("socketio", Files.createDirectories(work.resolve("profile")))) {
            browser.open(server.url("/"));
            browser.script(Files.readString(BUNDLE));
            browser.script("""
                    window.got = [];
                    const socket = io({ transports: ['polling', 'websocket'] });
                    window.socket = socket;
                    socket.onAny((event, data) => window.got.push({ event, data }));
                    socket.on('connect', () => socket.emit('join-wifi-network',
                        { networkName: 'Chromium', userName: 'Browser' },
                        (answer) => { window.peerId = answer.data.peerId; }));
                    """);
            String browserPeer = browser.until(d -> (String) browser.script("return window.peerId || null;"));

            try (WsTestClient plain = WsTestClient.connect(URI.create(server.url("/ws").replace("http", "ws")),
                    server.url(""))) {
                plain.join("Chromium", "Plain");
                String plainPeer = plain.await("network-joined").getString("peerId");
                plain.send("send-message", Json.createObjectBuilder().add("text", "from the plain client"));
                plain.send("webrtc-signal", Json.createObjectBuilder().add("to", browserPeer)
                        .add("signal", Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0 plain")));
                browser.until(d -> (Boolean) browser.script("""
                        return window.got.some(g => g.event === 'new-message' && g.data.text === 'from the plain client')
                            && window.got.some(g => g.event === 'webrtc-signal-received' && g.data.signal.sdp === 'v=0 plain');
                        """) ? Boolean.TRUE : null);

                browser.script("""
                        window.socket.emit('send-message', { text: 'from Chromium over Socket.IO' });
                        window.socket.emit('webrtc-signal', { to: arguments[0], signal: { type: 'answer', sdp: 'v=0 browser' } });
                        """, plainPeer);
                JsonObject chat = plain.await("new-message", m -> "from Chromium over Socket.IO".equals(m.getString("text", null)));
                assertEquals("Browser", chat.getString("userName"));
                JsonObject signal = plain.await("webrtc-signal-received");
                assertEquals(browserPeer, signal.getString("from"));
                assertEquals("v=0 browser", signal.getJsonObject("signal").getString("sdp"));
                assertTrue((Boolean) browser.script("return window.socket.io.engine.transport.name === 'websocket';"),
                        "the bundle upgraded from polling to WebSocket");
            }
        }
    }
}
