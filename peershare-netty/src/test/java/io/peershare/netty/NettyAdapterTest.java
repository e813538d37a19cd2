package io.peershare.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.peershare.AllowedOrigins;
import io.peershare.PeerShare;
import io.peershare.config.PeerShareConfig;
import io.peershare.config.RateLimit;
import io.peershare.model.EventClass;
import io.peershare.spi.AdmissionPolicy.Admission;
import io.peershare.testkit.WsTestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Netty adapter does beyond the contract every adapter passes. */
class NettyAdapterTest {

    private static final String ORIGIN = "https://share.example.com";

    private PeerShare engine;
    private EventLoopGroup group;
    private Channel server;
    private URI ws;

    /** A Netty server with PeerShare at /ws and, after it, a host handler that answers every other request. */
    private void start(PeerShareConfig config, UnaryOperator<PeerShareWebSocketHandler.Builder> adapter,
            io.peershare.spi.AdmissionPolicy admission) throws InterruptedException {
        engine = PeerShare.builder().config(config).admissionPolicy(admission).build();
        PeerShareWebSocketHandler peershare = adapter.apply(PeerShareWebSocketHandler.builder(engine)
                .allowedOrigins(AllowedOrigins.only(List.of(ORIGIN)))).build();
        group = new MultiThreadIoEventLoopGroup(4, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), peershare,
                                new HostHandler());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        ws = URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/ws");
    }

    private void start() throws InterruptedException {
        start(PeerShareConfig.defaults(), b -> b, (request, key) -> Admission.allow());
    }

    /** The host's own HTTP: answers "host" to anything PeerShare passes on. */
    private static final class HostHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                    HttpResponseStatus.OK, Unpooled.copiedBuffer("host " + request.uri(), StandardCharsets.UTF_8));
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (engine != null) {
            engine.close();
        }
        if (server != null) {
            server.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsForOtherPathsGoOnToTheHostsHandlers() throws Exception {
        start();
        HttpResponse<String> other = get(URI.create("http://127.0.0.1:" + ws.getPort() + "/health?x=1"));
        assertEquals(200, other.statusCode());
        assertEquals("host /health?x=1", other.body());
    }

    @Test
    void aPlainRequestForTheEndpointIsRefusedWith400() throws Exception {
        start();
        HttpResponse<String> plain = get(URI.create("http://127.0.0.1:" + ws.getPort() + "/ws"));
        assertEquals(400, plain.statusCode());
        assertEquals(0, engine.stats().connections());
    }

    @Test
    void aFrameOverTheEnginesLimitGetsAnErrorAndOneOverTheAdaptersIsClosedWith1009() throws Exception {
        start(PeerShareConfig.builder().maxSignalSize(8 * 1024).maxFrameSize(16 * 1024).build(), b -> b,
                (request, key) -> Admission.allow());
        try (WsTestClient client = WsTestClient.connect(ws, ORIGIN)) {
            client.sendRaw("{\"event\":\"send-message\",\"data\":{\"text\":\"" + "é".repeat(10_000) + "\"}}");
            JsonObject error = client.await("error");
            assertEquals("FRAME_TOO_LARGE", error.getString("code"));
            assertTrue(error.getString("message").contains("bytes"), error.toString());
            client.sendExpectingClose("x".repeat(40_000)); // over twice the engine's limit
            assertEquals(1009, client.awaitClose());
        }
        awaitCloseCount("messageTooBig");
    }

    @Test
    void aBinaryFrameClosesTheConnectionWith1003() throws Exception {
        start();
        try (WsTestClient client = WsTestClient.connect(ws, ORIGIN)) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertEquals(1003, client.awaitClose());
        }
        awaitCloseCount("binaryFrame");
    }

    @Test
    void aTextFrameThatIsNotUtf8ClosesTheConnectionWith1007() throws Exception {
        start();
        try (Socket socket = new Socket("127.0.0.1", ws.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            handshake(out, in);
            byte[] payload = {'{', (byte) 0xC3, (byte) 0x28, '}'}; // C3 28 is not UTF-8
            byte[] mask = {1, 2, 3, 4};
            byte[] frame = new byte[2 + 4 + payload.length];
            frame[0] = (byte) 0x81; // final text frame
            frame[1] = (byte) (0x80 | payload.length); // masked, as a client's must be
            System.arraycopy(mask, 0, frame, 2, 4);
            for (int i = 0; i < payload.length; i++) {
                frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
            }
            out.write(frame);
            assertEquals(0x88, in.read(), "a close frame");
            in.read(); // its length
            assertEquals(1007, (in.read() << 8) | in.read());
        }
        assertEquals(0, engine.stats().framesReceived(), "the engine never saw the frame");
        awaitCloseCount("invalidUtf8");
    }

    private static void handshake(OutputStream out, InputStream in) throws IOException {
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: " + ORIGIN
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        StringBuilder response = new StringBuilder();
        while (response.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            assertTrue(b >= 0, () -> "the server hung up during the handshake: " + response);
            response.append((char) b);
        }
        assertTrue(response.toString().startsWith("HTTP/1.1 101"), response::toString);
    }

    /** Waits (a bounded while) for the engine to have counted one close for {@code reason}. */
    private void awaitCloseCount(String reason) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (engine.stats().closes().getOrDefault(reason, 0L) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1L, engine.stats().closes().getOrDefault(reason, 0L), () -> "closes: " + engine.stats().closes());
    }

    /** Whether the server closes {@code socket} (without a word) within a few seconds. */
    private static boolean hungUpOn(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    @Test
    void aConnectionThatDoesNotFinishItsHandshakeInTimeIsClosed() throws Exception {
        start(PeerShareConfig.defaults(), b -> b.handshakeTimeout(Duration.ofMillis(300)), (r, k) -> Admission.allow());
        try (Socket silent = new Socket("127.0.0.1", ws.getPort());
             Socket halfALine = new Socket("127.0.0.1", ws.getPort())) {
            halfALine.getOutputStream().write("GET /w".getBytes(StandardCharsets.US_ASCII));
            assertTrue(hungUpOn(silent), "a socket that sends nothing is closed");
            assertTrue(hungUpOn(halfALine), "a socket that sends half a request line is closed");
        }
        try (Socket upgraded = new Socket("127.0.0.1", ws.getPort())) {
            handshake(upgraded.getOutputStream(), upgraded.getInputStream());
            upgraded.setSoTimeout(1_000);
            assertThrows(SocketTimeoutException.class, () -> upgraded.getInputStream().read(),
                    "a WebSocket connection is not held to the deadline");
        }
    }

    @Test
    void anAddressHoldsAtMostItsShareOfSockets() throws Exception {
        start(PeerShareConfig.builder().maxConnectionsPerAddress(3).build(), b -> b, (r, k) -> Admission.allow());
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket("127.0.0.1", ws.getPort());
                held.add(socket);
                handshake(socket.getOutputStream(), socket.getInputStream());
            }
            try (Socket fourth = new Socket("127.0.0.1", ws.getPort())) {
                assertTrue(hungUpOn(fourth), "the fourth socket from one address is closed at once");
            }
            held.remove(0).close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (engine.socketLimit().openFrom(InetAddress.getLoopbackAddress()) > 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            try (Socket again = new Socket("127.0.0.1", ws.getPort())) {
                again.setSoTimeout(5_000);
                handshake(again.getOutputStream(), again.getInputStream());
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aMessageSentInFragmentsIsPutBackTogether() throws Exception {
        start();
        try (WsTestClient client = WsTestClient.connect(ws, ORIGIN)) {
            client.sendInParts("{\"event\":\"join-wifi-net", "work\",\"data\":{\"networkName\":\"Hö", "me\",\"userName\":\"Al",
                    "ice\"}}");
            assertEquals("Höme", client.await("network-joined").getString("networkName"));
        }
    }

    @Test
    void aPingIsAnsweredWithItsPayload() throws Exception {
        start();
        try (WsTestClient client = WsTestClient.connect(ws, ORIGIN)) {
            assertEquals("are you there", client.ping("are you there"));
        }
    }

    @Test
    void onlyTheRetainedHeadersReachTheJoinButEveryHeaderIsSeenWhenTheConnectionOpens() throws Exception {
        List<String> seen = new ArrayList<>();
        PeerShareConfig proxied = PeerShareConfig.builder().trustedProxies(List.of("127.0.0.1")).build();
        start(proxied, b -> b.retainedHeaders(List.of("X-Client-Tag")), (request, key) -> {
            synchronized (seen) {
                seen.add(request.headers().keySet() + " from " + request.clientAddress().getHostAddress());
            }
            return Admission.allow();
        });
        try (WsTestClient client = WsTestClient.connect(ws, ORIGIN, new String[] {"X-Forwarded-For", "203.0.113.7"}, true)) {
            client.join("Home", "Alice");
            client.await("network-joined");
        }
        // The forwarded-for header was read when the connection opened, then let go: it is not kept for the join.
        assertEquals(List.of("[] from 203.0.113.7"), seen);
    }

    @Test
    void everyMemberSeesTheNetworksMessagesInOneOrderThoughSendersAreOnOtherEventLoops() throws Exception {
        PeerShareConfig chatty = PeerShareConfig.builder()
                .connectionRateLimit(EventClass.CHAT, RateLimit.of(10_000, 10_000))
                .addressRateLimit(EventClass.CHAT, RateLimit.of(10_000, 10_000)).build();
        start(chatty, b -> b, (request, key) -> Admission.allow());
        List<WsTestClient> members = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                WsTestClient member = WsTestClient.connect(ws, ORIGIN);
                members.add(member);
                member.join("Home", "m" + i);
                member.await("network-joined");
            }
            int perSender = 50;
            List<Thread> senders = new ArrayList<>();
            for (WsTestClient member : members) {
                Thread sender = new Thread(() -> {
                    for (int n = 0; n < perSender; n++) {
                        member.send("send-message", Json.createObjectBuilder().add("text", "n" + n));
                    }
                });
                senders.add(sender);
                sender.start();
            }
            for (Thread sender : senders) {
                sender.join();
            }
            int total = perSender * members.size();
            List<List<String>> orders = new ArrayList<>();
            for (WsTestClient member : members) {
                member.awaitLatest("new-message", d -> member.received("new-message").stream()
                        .filter(m -> "user".equals(m.getString("type"))).count() == total);
                orders.add(member.received("new-message").stream().filter(m -> "user".equals(m.getString("type")))
                        .map(m -> m.getString("id")).toList());
            }
            for (List<String> order : orders) {
                assertEquals(orders.get(0), order, "one order for every member");
            }
        } finally {
            members.forEach(WsTestClient::close);
        }
    }

    @Test
    void settingsAreCheckedWhenBuilt() {
        PeerShare idle = PeerShare.builder().build();
        try {
            assertThrows(IllegalArgumentException.class, () -> PeerShareWebSocketHandler.builder(idle).build(),
                    "an origin rule must be chosen");
            assertThrows(IllegalArgumentException.class, () -> PeerShareWebSocketHandler.builder(idle)
                    .allowedOrigins(AllowedOrigins.any()).path("ws").build());
            assertThrows(IllegalArgumentException.class, () -> PeerShareWebSocketHandler.builder(idle)
                    .allowedOrigins(AllowedOrigins.any()).handshakeTimeout(Duration.ZERO).build());
            assertTrue(NettyAdapterContractTest.handlerFor(idle).isSharable(), "one handler serves every channel");
        } finally {
            idle.close();
        }
    }
}
