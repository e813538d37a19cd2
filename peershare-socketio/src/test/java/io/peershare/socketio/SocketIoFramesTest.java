package io.peershare.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.peershare.protocol.OutboundFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SocketIoFramesTest {

    private static String toPeerShare(String packet) throws MalformedPacketException {
        return new String(SocketIoFrames.toPeerShare(SocketIoPacket.decode(packet)), StandardCharsets.UTF_8);
    }

    @Test
    void anEventIsTheFrameOfItsNameAndData() throws Exception {
        assertEquals("{\"event\":\"send-message\",\"data\":{\"text\":\"h\\u00e9 \\\"you\\\"\"}}",
                toPeerShare("2[\"send-message\",{\"text\":\"h\\u00e9 \\\"you\\\"\"}]"),
                "the data is carried as it came, escapes and all");
        assertEquals("{\"event\":\"heartbeat\"}", toPeerShare("2[\"heartbeat\"]"));
        assertEquals("{\"event\":\"x\",\"data\":\"a string\"}", toPeerShare("2[ \"x\" , \"a string\" ]"));
    }

    @Test
    void anAcknowledgementIdBecomesTheRequestId() throws Exception {
        assertEquals("{\"event\":\"join-wifi-network\",\"data\":{\"networkName\":\"Home\"},\"requestId\":0}",
                toPeerShare("20[\"join-wifi-network\",{\"networkName\":\"Home\"}]"));
    }

    @Test
    void argumentsPastTheFirstAreIgnored() throws Exception {
        assertEquals("{\"event\":\"x\",\"data\":[1,2]}", toPeerShare("2[\"x\",[1,2],{\"more\":true},3]"));
    }

    @Test
    void aNumericEventNameStaysANumberForTheEngineToRefuse() throws Exception {
        assertEquals("{\"event\":42,\"data\":{}}", toPeerShare("2[42,{}]"));
    }

    @Test
    void anEngineFrameIsAnEvent() {
        SocketIoFrames.Outgoing out = SocketIoFrames.fromPeerShare(OutboundFrame.ofText(
                "{\"event\":\"new-message\",\"data\":{\"text\":\"h\u00e9\",\"n\":[1,{\"a\":null}]}}"));
        assertEquals("2[\"new-message\",{\"text\":\"h\u00e9\",\"n\":[1,{\"a\":null}]}]", out.event().encode());
        assertNull(out.ack());
    }

    @Test
    void anEngineFrameWithoutDataIsAnEventWithoutArguments() {
        assertEquals("2[\"heartbeat-ack\"]",
                SocketIoFrames.fromPeerShare(OutboundFrame.ofText("{\"event\":\"heartbeat-ack\"}")).event().encode());
    }

    @Test
    void anAnswerToAnAcknowledgedEventIsAlsoItsAcknowledgement() {
        SocketIoFrames.Outgoing out = SocketIoFrames.fromPeerShare(OutboundFrame.ofText(
                "{\"event\":\"error\",\"data\":{\"code\":\"INVALID_FIELD\",\"message\":\"'text' is empty\"},"
                        + "\"requestId\":\"7\"}"));
        assertEquals("2[\"error\",{\"code\":\"INVALID_FIELD\",\"message\":\"'text' is empty\"}]",
                out.event().encode());
        assertEquals("37[{\"event\":\"error\",\"data\":{\"code\":\"INVALID_FIELD\",\"message\":\"'text' is empty\"}}]",
                out.ack().encode());
    }

    @Test
    void requestIdsThatNoSocketIoClientMadeAreNotAcknowledgements() {
        assertNull(SocketIoFrames.fromPeerShare(OutboundFrame.ofText(
                "{\"event\":\"network-left\",\"data\":{},\"requestId\":\"bye\"}")).ack());
    }
}
