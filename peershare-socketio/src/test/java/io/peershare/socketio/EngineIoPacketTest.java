package io.peershare.socketio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.socketio.EngineIoPacket.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineIoPacketTest {

    @Test
    void textPacketsAreTheirDigitAndData() throws Exception {
        assertEquals(EngineIoPacket.message("hello"), EngineIoPacket.decode("4hello"));
        assertEquals(EngineIoPacket.of(Type.PING, "probe"), EngineIoPacket.decode("2probe"));
        EngineIoPacket pong = EngineIoPacket.decode("3");
        assertEquals(Type.PONG, pong.type());
        assertNull(pong.text());
        assertEquals("6", EngineIoPacket.of(Type.NOOP).encode());
        assertEquals("0{\"sid\":\"x\"}", EngineIoPacket.of(Type.OPEN, "{\"sid\":\"x\"}").encode());
    }

    @Test
    void binaryMessagesAreBase64OnPolling() throws Exception {
        EngineIoPacket binary = EngineIoPacket.decode("bAQIDBA==");
        assertTrue(binary.isBinary());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, binary.binary());
        assertEquals("bAQIDBA==", binary.encode());
    }

    @Test
    void malformedPacketsNameWhatIsWrong() {
        assertEquals("empty Engine.IO packet",
                assertThrows(MalformedPacketException.class, () -> EngineIoPacket.decode("")).getMessage());
        assertEquals("unknown Engine.IO packet type '7'",
                assertThrows(MalformedPacketException.class, () -> EngineIoPacket.decode("7x")).getMessage());
        assertEquals("unknown Engine.IO packet type '\\u001f'",
                assertThrows(MalformedPacketException.class, () -> EngineIoPacket.decode("\u001f")).getMessage());
        assertThrows(MalformedPacketException.class, () -> EngineIoPacket.decode("b!!"));
    }

    @Test
    void pollingBodiesSeparatePacketsWithTheRecordSeparator() throws Exception {
        List<EngineIoPacket> packets = EngineIoPacket.decodePayload("4hello\u001e2\u001ebAQ==", 10);
        assertEquals(3, packets.size());
        assertEquals(EngineIoPacket.message("hello"), packets.get(0));
        assertEquals(Type.PING, packets.get(1).type());
        assertArrayEquals(new byte[] {1}, packets.get(2).binary());
        assertEquals("4hello\u001e2\u001ebAQ==", EngineIoPacket.encodePayload(packets));
    }

    @Test
    void aBodyHoldsABoundedNumberOfPacketsAndNoEmptyOnes() {
        assertThrows(MalformedPacketException.class, () -> EngineIoPacket.decodePayload("4a\u001e4b\u001e4c", 2));
        assertThrows(MalformedPacketException.class, () -> EngineIoPacket.decodePayload("4a\u001e", 10));
        assertThrows(MalformedPacketException.class, () -> EngineIoPacket.decodePayload("", 10));
    }
}
