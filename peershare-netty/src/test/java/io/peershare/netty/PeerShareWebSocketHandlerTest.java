package io.peershare.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.peershare.AllowedOrigins;
import io.peershare.PeerShare;
import io.peershare.config.PeerShareConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerShareWebSocketHandlerTest {

    private static final ChannelHandler HOST = new ChannelInboundHandlerAdapter() {
        @Override
        public boolean isSharable() {
            return true;
        }
    };

    private static List<Class<?>> handlers(EmbeddedChannel channel) {
        return channel.pipeline().toMap().values().stream().<Class<?>>map(Object::getClass)
                .filter(type -> type.getPackageName().equals("io.peershare.netty") && !type.isAnonymousClass()).toList();
    }

    @Test
    void itPutsTheEndpointsHandlersInItsPlaceInTheirOrderAndLeaves() {
        try (PeerShare engine = PeerShare.builder().build()) {
            PeerShareWebSocketHandler peershare = PeerShareWebSocketHandler.builder(engine)
                    .allowedOrigins(AllowedOrigins.any()).build();
            EmbeddedChannel channel = EmbeddedChannels.from("192.0.2.7",
                    new HttpServerCodec(), new HttpObjectAggregator(65_536), peershare, HOST);
            assertEquals(List.of(HandshakeDeadlineHandler.class, OriginCheckHandler.class,
                    WebSocketUpgradeHandler.class), handlers(channel), "the socket limit has counted it and left");
            assertSame(HOST, channel.pipeline().last());

            PeerShareWebSocketHandler.leave(channel); // taken over by Socket.IO
            assertEquals(List.of(), handlers(channel));
        }
    }

    @Test
    void aChannelTheSocketLimitRefusesIsClosedWithoutAHandshakeDeadline() {
        try (PeerShare engine = PeerShare.builder()
                .config(PeerShareConfig.builder().maxConnectionsPerAddress(1).build()).build()) {
            PeerShareWebSocketHandler peershare = PeerShareWebSocketHandler.builder(engine)
                    .allowedOrigins(AllowedOrigins.any()).build();
            EmbeddedChannel first = EmbeddedChannels.from("192.0.2.7", peershare);
            EmbeddedChannel second = EmbeddedChannels.from("192.0.2.7", peershare);
            assertTrue(first.isOpen());
            assertFalse(second.isOpen());
            assertEquals(List.of(), handlers(second), "no handshake deadline for a refused channel");
        }
    }

    @Test
    void aHandshakeLeavesOnlyTheConnectionOfTheEndpointInThePipeline() {
        try (PeerShare engine = PeerShare.builder().build()) {
            PeerShareWebSocketHandler peershare = PeerShareWebSocketHandler.builder(engine)
                    .allowedOrigins(AllowedOrigins.any()).build();
            EmbeddedChannel channel = EmbeddedChannels.from("192.0.2.7",
                    new HttpServerCodec(), new HttpObjectAggregator(65_536), peershare, HOST);
            channel.writeInbound(Unpooled.copiedBuffer("""
                    GET /ws HTTP/1.1\r
                    Host: share.example.com\r
                    Upgrade: websocket\r
                    Connection: Upgrade\r
                    Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
                    Sec-WebSocket-Version: 13\r
                    \r
                    """, StandardCharsets.US_ASCII));
            ByteBuf response = channel.readOutbound();
            assertNotNull(response);
            assertTrue(response.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"));
            response.release();
            assertEquals(1, peershare.openConnections());
            assertEquals(List.of(WebSocketConnection.class), handlers(channel));
            channel.finishAndReleaseAll();
        }
    }
}
