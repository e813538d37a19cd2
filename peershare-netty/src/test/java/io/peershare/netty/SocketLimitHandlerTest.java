package io.peershare.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.peershare.PeerShare;
import io.peershare.config.PeerShareConfig;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SocketLimitHandlerTest {

    @Test
    void anAddressHoldingTheMostSocketsIsRefusedUntilOneOfThemCloses() throws Exception {
        try (PeerShare engine = PeerShare.builder()
                .config(PeerShareConfig.builder().maxConnectionsPerAddress(2).build()).build()) {
            SocketLimitHandler limit = new SocketLimitHandler(engine.socketLimit());
            InetAddress address = InetAddress.getByName("192.0.2.7");

            EmbeddedChannel first = EmbeddedChannels.from("192.0.2.7", limit);
            EmbeddedChannel second = EmbeddedChannels.from("192.0.2.7", limit);
            EmbeddedChannel third = EmbeddedChannels.from("192.0.2.7", limit);
            EmbeddedChannel elsewhere = EmbeddedChannels.from("198.51.100.7", limit);

            assertTrue(first.isOpen() && second.isOpen() && elsewhere.isOpen());
            assertFalse(third.isOpen(), "the address held the most allowed");
            assertEquals(2, engine.socketLimit().openFrom(address));
            assertNull(first.pipeline().get(SocketLimitHandler.class), "its job done, it left the pipeline");

            first.close().syncUninterruptibly();
            assertEquals(1, engine.socketLimit().openFrom(address), "released on close");
            assertTrue(EmbeddedChannels.from("192.0.2.7", limit).isOpen());
        }
    }

    @Test
    void aChannelWithoutAnInternetAddressIsNotCounted() throws Exception {
        try (PeerShare engine = PeerShare.builder()
                .config(PeerShareConfig.builder().maxConnectionsPerAddress(1).build()).build()) {
            SocketLimitHandler limit = new SocketLimitHandler(engine.socketLimit());
            assertTrue(new EmbeddedChannel(limit).isOpen());
            assertTrue(new EmbeddedChannel(limit).isOpen());
        }
    }
}
