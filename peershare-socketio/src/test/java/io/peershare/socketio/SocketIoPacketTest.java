package io.peershare.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.socketio.SocketIoPacket.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SocketIoPacketTest {

    @Test
    void connectToTheMainNamespaceWithAndWithoutAuth() throws Exception {
        SocketIoPacket bare = SocketIoPacket.decode("0");
        assertEquals(Type.CONNECT, bare.type());
        assertEquals("/", bare.namespace());
        assertNull(bare.payload());
        assertEquals("{\"token\":\"123\"}", SocketIoPacket.decode("0{\"token\":\"123\"}").payload());
    }

    @Test
    void namespacesWithAndWithoutTheTrailingComma() throws Exception {
        assertEquals("/custom", SocketIoPacket.decode("0/custom,").namespace());
        assertEquals("/random", SocketIoPacket.decode("0/random").namespace());
        SocketIoPacket withAuth = SocketIoPacket.decode("0/custom,{\"token\":\"abc\"}");
        assertEquals("/custom", withAuth.namespace());
        assertEquals("{\"token\":\"abc\"}", withAuth.payload());
        assertEquals("4/random,{\"message\":\"Invalid namespace\"}", new SocketIoPacket(Type.CONNECT_ERROR,
                "/random", 0, -1, "{\"message\":\"Invalid namespace\"}").encode());
    }

    @Test
    void eventsWithAndWithoutAcknowledgementIds() throws Exception {
        SocketIoPacket plain = SocketIoPacket.decode("2[\"send-message\",{\"text\":\"hi\"}]");
        assertEquals(Type.EVENT, plain.type());
        assertFalse(plain.hasAckId());
        SocketIoPacket first = SocketIoPacket.decode("20[\"heartbeat\"]");
        assertTrue(first.hasAckId());
        assertEquals(0, first.ackId(), "socket.io-client counts acknowledgement ids from 0");
        assertEquals(12, SocketIoPacket.decode("212[\"x\",1]").ackId());
        assertEquals("312[]", SocketIoPacket.ack(12, "[]").encode());
        assertEquals("2[\"a\",{\"b\":[1,2]}]", SocketIoPacket.event("[\"a\",{\"b\":[1,2]}]").encode());
    }

    @Test
    void binaryPacketsDeclareTheirAttachments() throws Exception {
        SocketIoPacket binary = SocketIoPacket.decode("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]");
        assertEquals(Type.BINARY_EVENT, binary.type());
        assertEquals(1, binary.attachments());
        assertEquals("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]", binary.encode());
    }

    @Test
    void disconnectHasNoPayload() throws Exception {
        assertEquals(Type.DISCONNECT, SocketIoPacket.decode("1").type());
        assertEquals("/custom", SocketIoPacket.decode("1/custom,").namespace());
    }

    /** Each of these closes the connection in Socket.IO; PeerShare refuses them the same way. */
    @ParameterizedTest
    @ValueSource(strings = {
        "", "7", "abc",                         // no packet type
        "2{}", "2[]", "2\"x\"", "2",            // an event is a non-empty array starting with its name
        "2[\"connect\"]", "2[\"disconnect\",1]", // names Socket.IO keeps for itself
        "2[true]", "2[{}]",
        "2abc[\"message-with-ack\",1]",         // not an acknowledgement id
        "2[\"a\",1", "2[\"a\"] x", "2[\"a\"][\"b\"]",
        "3", "3{}",                             // an ACK is an array
        "0[]", "0\"x\"",                        // a CONNECT payload is an object
        "1{}",                                  // a DISCONNECT has none
        "4", "4[1]",
        "5-[\"x\"]", "5x-[\"x\"]", "511-[\"x\"]",  // attachments
        "21234567890123456[\"x\"]"              // an id of 16 digits
    })
    void malformedPacketsAreRefused(String encoded) {
        assertThrows(MalformedPacketException.class, () -> SocketIoPacket.decode(encoded));
    }

    @Test
    void payloadsBeyondTheEnginesLimitsAreRefusedBeforeTheyCostMore() {
        String deep = "2[\"x\"," + "[".repeat(2_000) + "]".repeat(2_000) + "]";
        MalformedPacketException tooDeep = assertThrows(MalformedPacketException.class,
                () -> SocketIoPacket.decode(deep));
        assertTrue(tooDeep.getMessage().startsWith("invalid payload"), tooDeep.getMessage());
        assertThrows(MalformedPacketException.class, () -> SocketIoPacket.decode("2[\"x\"," + "9".repeat(1_200) + "]"));
    }
}
