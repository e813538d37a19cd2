package io.peershare.spi;

import io.peershare.protocol.OutboundFrame;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * One client connection as the engine sees it. A transport adapter implements this once per connection
 * and hands it to {@link io.peershare.PeerShare#open(Transport)}.
 *
 * <p>Threading: the engine calls {@link #send} and {@link #close} from any thread, often concurrently
 * for one connection (a broadcast and a direct reply at once), and sometimes while holding a network's
 * lock. Both must be thread-safe and must not block on I/O: queue the frame, and close a client that
 * cannot keep up rather than waiting for it. A transport may report {@link io.peershare.spi.Connection#closed()}
 * from inside {@code send} or {@code close} (a container that runs its close callback on the calling
 * thread); the engine tolerates that.
 */
public interface Transport {

    /**
     * Queues one text frame for the client. Never blocks on the network. The same frame may be handed to many
     * transports at once (a broadcast is encoded once); it is immutable.
     */
    void send(OutboundFrame frame);

    /**
     * Whether this transport carries binary frames to its client ({@link #sendBinary}); the engine relays a transfer
     * only between two transports that do. Default {@code false}.
     */
    default boolean carriesBinary() {
        return false;
    }

    /**
     * Queues one binary frame for the client: a relayed chunk, passed on as it came, held to the same outbound bound
     * as text. Never blocks. Called only when {@link #carriesBinary()} says so; the transport owns {@code frame} from
     * then on.
     */
    default void sendBinary(ByteBuffer frame) {
        throw new UnsupportedOperationException(getClass().getName() + " carries no binary frames");
    }

    /** Starts closing the connection with a WebSocket close code and a short reason. Idempotent. */
    void close(int code, String reason);

    /** The address of the directly connected peer (a proxy, when there is one), or {@code null} if unknown. */
    InetSocketAddress remoteAddress();

    /**
     * The handshake request headers. Names are matched case-insensitively by the engine; an empty map when
     * the transport has none.
     */
    Map<String, List<String>> headers();
}
