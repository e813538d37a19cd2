package io.peershare.netty;

import io.peershare.protocol.OutboundFrame;
import java.nio.ByteBuffer;

/**
 * A server frame as it goes on the wire: an unmasked, final WebSocket text frame (RFC 6455, section 5.2), header
 * and payload in one buffer. Made once per {@link OutboundFrame} and shared by every recipient, so a broadcast is
 * framed once and written as bytes, past Netty's frame encoder; the header goes into the frame's headroom when the
 * encoder left some, so a relayed signal is not copied at all.
 */
final class WebSocketFrames {

    /** The key under which an {@link OutboundFrame} keeps this form. */
    static final Object KEY = WebSocketFrames.class;

    private static final int FIN_TEXT = 0x81;

    private WebSocketFrames() {
    }

    /** The frame with its header, to be duplicated for each recipient (its position and limit are never moved). */
    static ByteBuffer text(OutboundFrame frame) {
        return frame.prefixed(header(frame.size()));
    }

    static byte[] header(int length) {
        byte[] header = new byte[length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10];
        header[0] = (byte) FIN_TEXT;
        if (header.length == 2) {
            header[1] = (byte) length;
        } else if (header.length == 4) {
            header[1] = 126;
            header[2] = (byte) (length >>> 8);
            header[3] = (byte) length;
        } else {
            header[1] = 127;
            for (int i = 0; i < 8; i++) {
                header[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        return header;
    }
}
