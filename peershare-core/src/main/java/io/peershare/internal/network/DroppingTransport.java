package io.peershare.internal.network;

import io.peershare.protocol.OutboundFrame;
import io.peershare.spi.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** A transport with no socket behind it: frames sent to it go nowhere and closing it does nothing. */
final class DroppingTransport implements Transport {

    private final String name;

    DroppingTransport(String name) {
        this.name = name;
    }

    @Override
    public void send(OutboundFrame frame) {
    }

    @Override
    public void close(int code, String reason) {
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return null;
    }

    @Override
    public Map<String, List<String>> headers() {
        return Map.of();
    }

    @Override
    public String toString() {
        return name;
    }
}
