package io.peershare.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.peershare.protocol.OutboundFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bytes written for a server frame are an RFC 6455 text frame a WebSocket decoder reads back unchanged. */
class WebSocketFramesTest {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void everyPayloadLengthFramesAsOneFinalTextFrameThatDecodesBackToIt(int length) {
        String text = "é".repeat(length / 2) + "x".repeat(length % 2);
        OutboundFrame frame = OutboundFrame.ofText(text);
        assertEquals(length, frame.size());
        ByteBuffer wire = WebSocketFrames.text(frame);
        assertEquals(length + (length <= 125 ? 2 : length <= 65_535 ? 4 : 10), wire.remaining());

        // A client's decoder: server frames are unmasked, so it must not expect masks.
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));
        client.writeInbound(Unpooled.wrappedBuffer(wire.duplicate()));
        TextWebSocketFrame decoded = client.readInbound();
        try {
            assertEquals(true, decoded.isFinalFragment());
            byte[] payload = new byte[decoded.content().readableBytes()];
            decoded.content().readBytes(payload);
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), payload);
        } finally {
            decoded.release();
            client.finishAndReleaseAll();
        }
    }

    @org.junit.jupiter.api.Test
    void aFrameWithHeadroomIsFramedInPlaceAndItsOwnBytesStayAsTheyWere() {
        byte[] buffer = new byte[OutboundFrame.HEADROOM + 5];
        System.arraycopy("hello".getBytes(StandardCharsets.US_ASCII), 0, buffer, OutboundFrame.HEADROOM, 5);
        OutboundFrame frame = OutboundFrame.ofUtf8(buffer, OutboundFrame.HEADROOM, 5);
        ByteBuffer wire = WebSocketFrames.text(frame);
        assertSame(buffer, wire.array(), "no copy");
        assertEquals(7, wire.remaining());
        assertEquals("hello", frame.text());
        assertEquals(5, frame.bytes().remaining());
    }

    @ParameterizedTest(name = "{0} recipients")
    @ValueSource(ints = {1, 50})
    void aFrameIsFramedOnceWhateverTheNumberOfRecipients(int recipients) {
        OutboundFrame frame = OutboundFrame.ofText("{\"event\":\"new-message\"}");
        ByteBuffer first = frame.transportForm(WebSocketFrames.KEY, WebSocketFrames::text);
        for (int i = 1; i < recipients; i++) {
            assertSame(first, frame.transportForm(WebSocketFrames.KEY, WebSocketFrames::text));
        }
    }
}
