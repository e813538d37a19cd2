package io.peershare.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.peershare.AllowedOrigins;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginCheckHandlerTest {

    private static final String SERVED = "https://share.example.com";

    private static EmbeddedChannel channel() {
        return EmbeddedChannels.from("192.0.2.7", new OriginCheckHandler("/ws", AllowedOrigins.only(List.of(SERVED))));
    }

    @Test
    void aHandshakeFromAForeignOriginIsRefusedWith403AndClosed() {
        EmbeddedChannel channel = channel();
        FullHttpRequest request = EmbeddedChannels.handshake("/ws", "https://evil.example.com");
        assertFalse(channel.writeInbound(request), "nothing goes on");
        FullHttpResponse response = channel.readOutbound();
        assertEquals(HttpResponseStatus.FORBIDDEN, response.status());
        response.release();
        assertEquals(0, request.refCnt(), "the refused request is released");
        assertFalse(channel.isOpen());
    }

    @Test
    void aHandshakeFromAnAllowedOriginGoesOnUntouched() {
        EmbeddedChannel channel = channel();
        FullHttpRequest request = EmbeddedChannels.handshake("/ws?v=1", SERVED);
        channel.writeInbound(request);
        assertSame(request, channel.readInbound());
        assertNull(channel.readOutbound());
        assertTrue(request.release());
    }

    @Test
    void requestsThatAreNoHandshakeForItsPathAreNotItsConcern() {
        EmbeddedChannel channel = channel();
        for (FullHttpRequest request : List.of(EmbeddedChannels.handshake("/other", "https://evil.example.com"),
                EmbeddedChannels.get("/ws"))) {
            request.headers().set("Origin", "https://evil.example.com");
            channel.writeInbound(request);
            assertSame(request, channel.readInbound());
            request.release();
        }
        assertNull(channel.readOutbound());
        assertTrue(channel.isOpen());
    }
}
