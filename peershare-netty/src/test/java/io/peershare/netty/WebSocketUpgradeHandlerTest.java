package io.peershare.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.peershare.PeerShare;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebSocketUpgradeHandlerTest {

    @Test
    void aRequestForItsPathThatIsNoHandshakeGets400AndOthersGoOn() {
        try (PeerShare engine = PeerShare.builder().build()) {
            EmbeddedChannel channel = EmbeddedChannels.from("192.0.2.7", new WebSocketUpgradeHandler(
                    new ConnectionSettings(engine, 65_536, List.of()), "/ws", new AtomicInteger()));

            FullHttpRequest elsewhere = EmbeddedChannels.handshake("/other", null);
            channel.writeInbound(elsewhere);
            assertSame(elsewhere, channel.readInbound(), "another path is the host's");
            elsewhere.release();

            FullHttpRequest plain = EmbeddedChannels.get("/ws");
            assertFalse(channel.writeInbound(plain));
            FullHttpResponse response = channel.readOutbound();
            assertEquals(HttpResponseStatus.BAD_REQUEST, response.status());
            response.release();
            assertEquals(0, plain.refCnt());
            assertNull(channel.readInbound());
            assertFalse(channel.isOpen());
        }
    }
}
